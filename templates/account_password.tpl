{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Trang chủ</a> › Đổi mật khẩu</nav>
<h1>Đổi mật khẩu</h1>
{{#flash}}<p class="notice ok" role="status">{{text}}</p>{{/flash}}
{{#flash_error}}<p class="notice error" role="alert">{{text}}</p>{{/flash_error}}
<form method="post" action="/account/password" class="stack">
  <input type="hidden" name="csrf" value="{{csrf}}">
  <label for="current">Mật khẩu hiện tại</label>
  <input id="current" name="current" type="password" autocomplete="current-password" required>
  <label for="password">Mật khẩu mới (ít nhất 10 ký tự)</label>
  <input id="password" name="password" type="password" minlength="10" autocomplete="new-password" required>
  <label for="confirm">Nhập lại mật khẩu mới</label>
  <input id="confirm" name="confirm" type="password" minlength="10" autocomplete="new-password" required>
  <button type="submit" class="primary">Đổi mật khẩu</button>
</form>
{{>FOOT}}
