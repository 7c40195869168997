// On every page: the words a browser would say in its own language, said in
// Vietnamese. Form validation messages are set when a field is found invalid
// (cleared as soon as it changes), and each file input is shown as a
// "Chọn tệp…" button with the chosen file's name beside it. Without
// JavaScript the browser's own words remain (Vietnamese in a Vietnamese
// browser) and the server's checks still apply.
(function () {
  'use strict';

  function message(el) {
    const v = el.validity;
    if (v.valueMissing)
      return el.type === 'file' ? 'Hãy chọn một tệp.'
        : el.tagName === 'SELECT' ? 'Hãy chọn một mục trong danh sách.' : 'Hãy điền mục này.';
    if (v.tooShort)
      return 'Cần ít nhất ' + el.minLength + ' ký tự (hiện có ' + el.value.length + ').';
    if (v.tooLong)
      return 'Tối đa ' + el.maxLength + ' ký tự.';
    if (v.patternMismatch)
      return el.title || 'Giá trị chưa đúng dạng yêu cầu.';
    return 'Giá trị chưa hợp lệ.';
  }

  document.addEventListener('invalid', function (e) {
    const el = e.target;
    el.setCustomValidity('');
    if (!el.validity.valid)
      el.setCustomValidity(message(el));
  }, true);

  function clear(e) {
    if (e.target.setCustomValidity)
      e.target.setCustomValidity('');
  }
  document.addEventListener('input', clear, true);
  document.addEventListener('change', clear, true);

  document.querySelectorAll('input[type=file]').forEach(function (input) {
    const pick = document.createElement('button');
    pick.type = 'button';
    pick.textContent = 'Chọn tệp…';
    const name = document.createElement('span');
    name.className = 'file-name';
    name.textContent = 'Chưa chọn tệp';
    input.classList.add('file-native');
    input.tabIndex = -1;
    input.after(pick, name);
    pick.addEventListener('click', function () { input.click(); });
    input.addEventListener('change', function () {
      name.textContent = input.files.length ? input.files[0].name : 'Chưa chọn tệp';
    });
  });
})();
