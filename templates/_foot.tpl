{{%AUTOESCAPE context="HTML"}}
</main>
<footer class="foot">ecdreport · Đề án chăm sóc vì sự phát triển toàn diện trẻ em trong những năm đầu đời tại gia đình và cộng đồng</footer>
</body>
</html>
