{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › Người dùng</nav>
<h1>Người dùng</h1>
<p><a href="/admin/users/merged">Tài khoản của xã đã sáp nhập</a> — chuyển cán bộ của xã cũ sang xã mới.</p>
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
<table class="list" id="users">
  <thead><tr><th>Tên đăng nhập</th><th>Họ tên</th><th>Vai trò</th><th>Đơn vị</th><th>Trạng thái</th><th>Đặt lại mật khẩu</th><th></th></tr></thead>
  <tbody>
  {{#users}}
  <tr>
    <td>{{p_username}}</td><td>{{p_name}}</td><td>{{p_role}}</td><td>{{p_unit}}</td><td>{{p_state}}</td>
    <td><form method="post" action="{{p_base}}/password">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <input name="password" type="password" minlength="10" autocomplete="new-password" aria-label="Mật khẩu mới của {{p_username}}" placeholder="Mật khẩu mới" required>
      <button type="submit">Đặt lại</button></form></td>
    <td>
      {{#p_enabled}}<form method="post" action="{{p_base}}/disable"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="disabled" value="1"><button type="submit">Khóa</button></form>{{/p_enabled}}
      {{#p_disabled}}<form method="post" action="{{p_base}}/disable"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="disabled" value="0"><button type="submit">Mở khóa</button></form>{{/p_disabled}}
      {{#p_self}}<span class="muted">(bạn)</span>{{/p_self}}
    </td>
  </tr>
  {{/users}}
  </tbody>
</table>
<h2>Tạo tài khoản</h2>
<form method="post" action="/admin/users" class="stack" id="user-add">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="username">Tên đăng nhập</label>
  <input id="username" name="username" value="{{f_username}}" autocapitalize="none" autocomplete="off" required maxlength="64">
  <label for="full_name">Họ tên, chức vụ</label>
  <input id="full_name" name="full_name" value="{{f_full_name}}" maxlength="200">
  <label for="role">Vai trò</label>
  <select id="role" name="role" required><option value="">— Chọn —</option>{{#roles}}<option value="{{r_value}}"{{#r_selected}} selected{{/r_selected}}>{{r_label}}</option>{{/roles}}</select>
  <label for="unit">Mã đơn vị (mã xã 5 số, huyện 3 số, tỉnh 2 số; để trống cho quản trị toàn hệ thống)</label>
  <input id="unit" name="unit" value="{{f_unit}}" inputmode="numeric" maxlength="5">
  <label for="unit_date">Đơn vị có hiệu lực vào ngày, dd/mm/yyyy (để trống: hôm nay)</label>
  <input id="unit_date" name="unit_date" value="{{f_unit_date}}" class="date" inputmode="numeric" placeholder="dd/mm/yyyy">
  <label for="password">Mật khẩu (ít nhất 10 ký tự)</label>
  <input id="password" name="password" type="password" minlength="10" autocomplete="new-password" required>
  <button type="submit" class="primary">Tạo tài khoản</button>
</form>
{{>FOOT}}
