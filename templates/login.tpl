{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<section class="login">
  <h1>Đăng nhập</h1>
  {{#notice}}<p class="notice error" role="alert">{{text}}</p>{{/notice}}
  <form method="post" action="/login">
    <input type="hidden" name="csrf" value="{{login_csrf}}">
    <input type="hidden" name="next" value="{{next}}">
    <label for="username">Tên đăng nhập</label>
    <input id="username" name="username" value="{{username}}" autocomplete="username" autocapitalize="none" required autofocus>
    <label for="password">Mật khẩu</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit" class="primary">Đăng nhập</button>
  </form>
</section>
{{#forget_typed}}<script src="/static/form.js" data-forget-typed defer></script>{{/forget_typed}}
{{>FOOT}}
