{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › Đăng nhập không thành công</nav>
<h1>Đăng nhập không thành công</h1>
<p>Sau 5 lần sai mật khẩu của một tài khoản, hoặc 20 lần sai từ một địa chỉ, trong 15 phút, việc đăng nhập bị tạm chặn: 30 giây, rồi gấp đôi sau mỗi lần sai tiếp, tối đa 15 phút. Nhiều lần sai từ một địa chỉ lạ có thể là có người dò mật khẩu.</p>
{{#no_attempts}}<p class="notice">Chưa có lần đăng nhập không thành công nào.</p>{{/no_attempts}}
<table class="list" id="logins">
  <thead><tr><th>Thời gian</th><th>Tên đăng nhập đã nhập</th><th>Địa chỉ máy</th><th>Kết quả</th></tr></thead>
  <tbody>{{#attempts}}<tr><td>{{at}}</td><td><code>{{username}}</code></td><td><code>{{addr}}</code></td><td>{{#held}}<strong>{{/held}}{{result}}{{#held}}</strong>{{/held}}</td></tr>{{/attempts}}</tbody>
</table>
{{>FOOT}}
