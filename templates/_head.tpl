{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} · Báo cáo chăm sóc trẻ em</title>
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/app.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">Báo cáo chăm sóc phát triển toàn diện trẻ em</a>
  {{#user}}
  <div class="who">
    <span>{{full_name}}</span>
    <span class="muted">{{role_line}}</span>
    <a href="/account/password" class="top-link">Đổi mật khẩu</a>
    <form method="post" action="/logout" class="inline">
      <input type="hidden" name="csrf" value="{{csrf}}">
      <button type="submit" class="link">Đăng xuất</button>
    </form>
  </div>
  {{/user}}
</header>
<main>
{{#demo}}<p class="notice demo" role="note"><strong>Bản dùng thử.</strong> Các tài khoản mẫu dùng chung một mật khẩu công khai: đừng nhập số liệu thật. Quản trị viên đổi mật khẩu các tài khoản mẫu để dùng thật.</p>{{/demo}}
