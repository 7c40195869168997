{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<h1>{{title}}</h1>
<p class="notice error" role="alert">{{question}}</p>
<form method="post" action="{{action}}" id="confirm" class="stack">
  <input type="hidden" name="csrf" value="{{csrf}}">
  {{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">
  {{/fields}}<input type="hidden" name="confirm" value="1">
  <p><button type="submit" class="primary">Xác nhận</button> <a class="button" href="{{back}}">Hủy</a></p>
</form>
{{>FOOT}}
