{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<h1>{{title}}</h1>
<p class="notice error" role="alert">{{message}}</p>
{{#login}}<p><a class="button primary" href="/login?next={{next:u}}">Đăng nhập lại</a> Số liệu bạn vừa nhập vẫn được giữ trên trình duyệt này và sẽ hiện lại khi mở lại báo cáo.</p>{{/login}}
<p><a href="/">Về trang chủ</a></p>
{{>FOOT}}
