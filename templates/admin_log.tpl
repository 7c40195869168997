{{%AUTOESCAPE context="HTML"}}
{{>HEAD}}
<nav class="crumbs"><a href="/">Quản trị</a> › Nhật ký quản trị</nav>
<h1>Nhật ký quản trị</h1>
<table class="list">
  <thead><tr><th>Thời gian</th><th>Người thực hiện</th><th>Thao tác</th><th>Nội dung</th></tr></thead>
  <tbody>{{#entries}}<tr><td>{{at}}</td><td>{{who}}</td><td><code>{{action}}</code></td><td>{{detail}}</td></tr>{{/entries}}</tbody>
</table>
{{>FOOT}}
