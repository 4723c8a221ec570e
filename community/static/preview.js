// Guidance before posting: as the member pauses typing, ask what moderation would do with the draft and say
// it beside the form (what will be removed or masked, whether a moderator will read it first) and, when the
// words sound like someone at risk, show the support resources at once. Nothing is stored. The form works the
// same without this script.
(function () {
  var form = document.querySelector("form[data-preview]");
  var box = document.getElementById("preview-result");
  if (!form || !box || !window.fetch) return;
  var token = form.querySelector("input[name=csrf_token]");
  var timer = null;
  var last = "";

  function value(name) {
    var field = form.querySelector("[name='" + name + "']");
    return field ? field.value : "";
  }

  function draft() {
    var lessons = [];
    form.querySelectorAll("textarea[name^='lessons-'][name$='-text']").forEach(function (field) {
      if (field.value.trim()) lessons.push(field.value);
    });
    return {
      title: value("title"), body: value("body"), industry: value("industry"),
      company: value("company"), lessons: lessons
    };
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    return p;
  }

  function suggestNotes() {
    var ticked = [];
    ["self_harm", "suicide"].forEach(function (note) {
      var box = form.querySelector("input[name=content_notes][value=" + note + "]");
      if (box && !box.checked) { box.checked = true; ticked.push(note); }
    });
    return ticked.length > 0;
  }

  function show(result) {
    box.replaceChildren();
    if (result.resources) {
      var help = document.createElement("div");
      help.className = "resources";
      help.setAttribute("role", "alert");
      help.appendChild(paragraph("We're thinking of you. " + result.resources));
      box.appendChild(help);
      if (suggestNotes()) {
        box.appendChild(paragraph("We ticked the content notes for self-harm and suicide, so readers can " +
          "choose when to open your story. Untick them if they don't fit.", "hint"));
      }
    }
    var removed = result.removed || {};
    var parts = [];
    if (removed.email) parts.push(removed.email + (removed.email === 1 ? " email address" : " email addresses"));
    if (removed.phone) parts.push(removed.phone + (removed.phone === 1 ? " phone number" : " phone numbers"));
    if (removed.profile) parts.push(removed.profile + (removed.profile === 1 ? " profile link" : " profile links"));
    if (parts.length) box.appendChild(paragraph("To keep you anonymous we will remove " + parts.join(", ") + "."));
    if (result.masked && result.masked.length) {
      box.appendChild(paragraph("These words will be masked: " + result.masked.join(", ") + "."));
    }
    if (result.outcome === "held" && !result.resources) {
      box.appendChild(paragraph("A moderator will read this before it appears."));
    } else if (result.outcome === "rejected") {
      box.appendChild(paragraph(result.reason || "This can't be posted as it is."));
    }
    box.hidden = !box.firstChild;
  }

  function check() {
    var body = JSON.stringify(draft());
    if (body === last) return;
    last = body;
    fetch(form.getAttribute("data-preview"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: body
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (result) show(result);
    }).catch(function () { /* the post is checked again when it is sent */ });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(check, 600);
  });
})();
