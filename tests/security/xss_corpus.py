"""Hostile input for every field that reaches a page: markup, script URLs and Markdown tricks.

Each vector that could run script calls alert() with its own number, so a dialog names the vector that got
through. Vectors holding a NUL character are refused at the door (PostgreSQL cannot store one); the tests
send them as they are to check the refusal, and with the NUL removed through every field.
"""

from __future__ import annotations

B64_SCRIPT = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
B64_SVG = "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"  # <svg onload=alert(1)>

VECTORS: dict[str, str] = {
    # <script>, spelled every way a browser still accepts
    "script": "<script>alert(1)</script>",
    "script upper": "<SCRIPT>alert(2)</SCRIPT>",
    "script mixed case and spaces": "<ScRiPt >alert(3)</sCrIpT >",
    "script with newline": "<script\n>alert(4)</script\n>",
    "script with NUL": "<scr\x00ipt>alert(5)</scr\x00ipt>",
    "script split by script": "<scr<script>ipt>alert(6)</scr</script>ipt>",
    "script remote src": "<script src=//evil.example/7.js></script>",
    "script doubled brackets": "<<script>script>alert(8)<</script>/script>",
    "script after attribute close": '"><script>alert(9)</script>',
    "script after textarea": "</textarea><script>alert(10)</script>",
    "script after title": "</title><script>alert(11)</script>",
    "script in comment trick": "<!--<script>-->alert(12)<!--</script>-->",
    # event handlers
    "img onerror": "<img src=x onerror=alert(13)>",
    "img onerror upper": "<IMG SRC=x OnErRoR=alert(14)>",
    "img onerror newlines": "<img src=x onerror\n=\nalert(15)>",
    "img slashes instead of spaces": "<img/src=x/onerror=alert(16)>",
    "body onload": "<body onload=alert(17)>",
    "div onmouseover": '<div onmouseover="alert(18)">hover me</div>',
    "input autofocus onfocus": "<input autofocus onfocus=alert(19)>",
    "details ontoggle": "<details open ontoggle=alert(20)>",
    "video source onerror": "<video><source onerror=alert(21)></video>",
    "audio onerror": "<audio src=x onerror=alert(22)>",
    "img onerror with entities": "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(24)>",
    "img backtick": "<img src=`x` onerror=alert(25)>",
    "img onerror eval src": "<img src=x:alert(26) onerror=eval(src)>",
    "anchor onclick": '<a href="#" onclick="alert(27)">x</a>',
    "img onerror with NUL": "<img src=x o\x00nerror=alert(28)>",
    # script URLs in raw HTML
    "href javascript": '<a href="javascript:alert(30)">x</a>',
    "href javascript mixed case": '<a href="JaVaScRiPt:alert(31)">x</a>',
    "href javascript leading space": '<a href=" javascript:alert(32)">x</a>',
    "href javascript tab entity": '<a href="java&#x09;script:alert(33)">x</a>',
    "href javascript decimal entities": (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(34)">x</a>'
    ),
    "href javascript hex entities": '<a href="&#x6A;avascript&#x3A;alert(35)">x</a>',
    "href javascript named colon": '<a href="javascript&colon;alert(36)">x</a>',
    "href vbscript": '<a href="vbscript:msgbox(37)">x</a>',
    "href data html": f'<a href="data:text/html;base64,{B64_SCRIPT}">x</a>',
    "href javascript newline": '<a href="jav\nascript:alert(39)">x</a>',
    "href javascript control char": '<a href="\x01javascript:alert(40)">x</a>',
    "href javascript percent colon": '<a href="javascript%3Aalert(41)">x</a>',
    # Markdown links and images
    "md link javascript": "[x](javascript:alert(50))",
    "md link angle javascript": "[x](<javascript:alert(51)>)",
    "md link upper javascript": "[x](JAVASCRIPT:alert(52))",
    "md link entity javascript": "[x](javas&#99;ript:alert(53))",
    "md link hex entity javascript": "[x](&#x6A;avascript:alert(54))",
    "md link spaces and title": '[x](  javascript:alert(55)  "title")',
    "md link tab in scheme": "[x](<java\tscript:alert(56)>)",
    "md link percent newline": "[x](java%0ascript:alert(57))",
    "md link vbscript": "[x](vbscript:msgbox(58))",
    "md link data": f"[x](data:text/html;base64,{B64_SCRIPT})",
    "md image javascript": "![x](javascript:alert(60))",
    "md image data svg": f"![x](data:image/svg+xml;base64,{B64_SVG})",
    "md image alt breakout": '![x" onerror="alert(62)](https://example.org/a.png)',
    "md reference link": "[x][r63]\n\n[r63]: javascript:alert(63)",
    "md reference angle title": '[r64]\n\n[r64]: <javascript:alert(64)> "t"',
    "md autolink javascript": "<javascript:alert(65)>",
    "md autolink vbscript": "<vbscript:msgbox(66)>",
    "md link quote breakout": '[click](https://example.org/"onmouseover="alert(67))',
    "md link text holds markup": "[<img src=x onerror=alert(68)>](https://example.org)",
    "md link with NUL in scheme": "[x](java\x00script:alert(69))",
    "md nested link in image": "![[x](javascript:alert(70))](https://example.org/i.png)",
    # SVG and MathML
    "svg onload": "<svg onload=alert(80)>",
    "svg script": "<svg><script>alert(81)</script></svg>",
    "svg xlink javascript": '<svg><a xlink:href="javascript:alert(82)"><text x=0 y=20>x</text></a></svg>',
    "svg animate onbegin": "<svg><animate onbegin=alert(83) attributeName=x dur=1s>",
    "svg foreignobject iframe": "<svg><foreignObject><iframe src=javascript:alert(84)></iframe></foreignObject></svg>",
    "svg set href": '<svg><a><set attributeName=href to="javascript:alert(85)"/><text y=9>x</text></a></svg>',
    "math mglyph style": "<math><mtext><table><mglyph><style><img src=x onerror=alert(86)>",
    "math href": '<math href="javascript:alert(87)">x</math>',
    "svg style img": "<svg><style><img src=x onerror=alert(88)></style></svg>",
    # broken and nested tags
    "img quotes then script": '<img """><script>alert(90)</script>">',
    "anchor with script inside tag": '<a href="x" <script>alert(91)</script>>',
    "noscript title breakout": '<noscript><p title="</noscript><img src=x onerror=alert(92)>">',
    "comment hides img": '<!--<img src="--><img src=x onerror=alert(93)//">',
    "cdata script": "<![CDATA[<script>alert(94)</script>]]>",
    "xml declaration": '<?xml version="1.0"?><script>alert(95)</script>',
    "unclosed img in brackets": "<<img src=x onerror=alert(96)//<",
    "unclosed tag eats text": '<a href="https://example.org" <b onmouseover=alert(97)>>hi</a>',
    # breaking out of attributes and elements the page itself writes
    "double quote breakout": '"><img src=x onerror=alert(100)>',
    "single quote breakout": "'><img src=x onerror=alert(101)>",
    "attribute injection": '" autofocus onfocus="alert(102)" x="',
    "single quote attribute injection": "' onmouseover='alert(103)' x='",
    "close anchor open new": "</a><a href=javascript:alert(104)>x</a>",
    "close option and select": "</option></select><img src=x onerror=alert(105)>",
    # iframes, objects, embeds, forms, meta refresh, base href, style expressions
    "iframe srcdoc": '<iframe srcdoc="<script>alert(110)</script>"></iframe>',
    "iframe javascript": '<iframe src="javascript:alert(111)"></iframe>',
    "object data javascript": '<object data="javascript:alert(112)"></object>',
    "embed data html": f'<embed src="data:text/html;base64,{B64_SCRIPT}">',
    "form action javascript": '<form action="javascript:alert(114)"><button>go</button></form>',
    "button formaction": '<button formaction="javascript:alert(115)">x</button>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(116)">',
    "base href": '<base href="javascript:alert(117)//">',
    "style url javascript": '<style>body{background:url("javascript:alert(118)")}</style>',
    "style attribute expression": '<div style="width:expression(alert(119))">x</div>',
    "link import data": '<link rel=import href="data:text/html,<script>alert(120)</script>">',
    "isindex action": "<isindex action=javascript:alert(121) type=image>",
    "table background": '<table background="javascript:alert(122)"><tr><td>x</td></tr></table>',
    "math maction": '<math><maction actiontype="statusline" xlink:href="javascript:alert(123)">x</maction></math>',
    # server-side templates must not evaluate what members write
    "template expression": "{{ config.SECRET_KEY }} {{ 11111 * 11111 }} {% print(11111 * 11111) %}",
}

assert len(VECTORS) >= 60
