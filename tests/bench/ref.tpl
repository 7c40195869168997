{{%AUTOESCAPE context="HTML"}}
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{title}}</title></head>
<body><p>{{name}}</p></body></html>
