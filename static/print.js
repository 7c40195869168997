// The print page: "In báo cáo" opens the browser's print dialog. A file of
// its own because the Content-Security-Policy forbids inline scripts.
'use strict';
document.getElementById('print-button').addEventListener('click', () => window.print());
