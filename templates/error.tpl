{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<h1>{{title}}</h1>
<p class="notice error" role="alert">{{message}}</p>
<p><a href="/">Về trang chủ</a></p>
{{>FOOT}}
