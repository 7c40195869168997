{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<h1>Quản trị</h1>
<p>Tài khoản quản trị quản lý đơn vị hành chính, người dùng và kỳ báo cáo; không xem số liệu báo cáo.</p>
<p>Trong phiên bản này, việc quản trị làm bằng dòng lệnh <code>ecdreport</code> (xem README): tạo người dùng bằng <code>ecdreport user add</code>.</p>
{{>FOOT}}
