// Feedback request: keep the "open in my email" link in step with edits, and offer a copy button.
// Everything works without this script (the text can be selected and copied by hand).
(function () {
  var subject = document.querySelector('[data-mail="subject"]');
  var body = document.querySelector('[data-mail="body"]');
  var link = document.getElementById("draft-mailto");
  var copy = document.getElementById("draft-copy");
  var status = document.getElementById("copy-status");
  if (!subject || !body || !link) return;
  function update() {
    link.href = "mailto:?subject=" + encodeURIComponent(subject.value) + "&body=" + encodeURIComponent(body.value);
  }
  subject.addEventListener("input", update);
  body.addEventListener("input", update);
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText("Subject: " + subject.value + "\n\n" + body.value).then(
        function () { status.textContent = "Copied."; },
        function () { status.textContent = "Could not copy; select the text and copy it by hand."; }
      );
    });
  }
})();
