{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › <a href="/admin/users">Người dùng</a> › Tài khoản của xã đã sáp nhập</nav>
<h1>Tài khoản của xã đã sáp nhập</h1>
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
<p>Cán bộ của một xã đã sáp nhập vẫn xem được báo cáo cũ của xã mình nhưng không lập được báo cáo cho các kỳ sau ngày sáp nhập. Chuyển tài khoản sang xã mới: cán bộ giữ tên đăng nhập và mật khẩu, lập báo cáo của xã mới và vẫn xem được báo cáo cũ của xã trước khi sáp nhập. Xã bị chia cho nhiều xã mới thì chọn xã cho từng tài khoản.</p>
{{#has_accounts}}
<table class="list" id="merged">
  <thead><tr><th>Tên đăng nhập</th><th>Họ tên</th><th>Xã cũ</th><th>Đã sáp nhập vào</th><th></th></tr></thead>
  <tbody>
  {{#accounts}}
  <tr id="merged-{{m_username}}">
    <td>{{m_username}}</td><td>{{m_name}}</td><td>{{m_old}}</td>
    <td>{{#m_next}}<div>{{n_label}}</div>{{/m_next}}{{#m_none}}<span class="muted">chưa có dữ liệu sáp nhập</span>{{/m_none}}</td>
    <td>
      {{#m_one}}<form method="post" action="/admin/users/merged"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="user" value="{{m_id}}"><button type="submit">Chuyển sang xã mới</button></form>{{/m_one}}
      {{#m_split}}<form method="post" action="/admin/users/merged"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="user" value="{{m_id}}">
        <select name="unit" aria-label="Xã mới của {{m_username}}">{{#m_next}}<option value="{{n_code}}">{{n_label}}</option>{{/m_next}}</select>
        <button type="submit">Chuyển</button></form>{{/m_split}}
    </td>
  </tr>
  {{/accounts}}
  </tbody>
</table>
{{#has_movable}}
<form method="post" action="/admin/users/merged" id="merged-all">
  <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="all" value="1">
  <button type="submit">Chuyển tất cả {{movable}} tài khoản có một xã mới</button>
</form>
{{/has_movable}}
{{/has_accounts}}
{{#no_accounts}}<p class="muted">Không có tài khoản nào của xã đã sáp nhập.</p>{{/no_accounts}}
{{>FOOT}}
