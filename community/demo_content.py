"""Demo content loaded by ``flask --app community demo``.

Everything here is fictional: members, companies and stories are invented, and
all cross-references are list indexes (``author`` and ``member`` index into
``MEMBERS``, ``story`` into ``STORIES``, ``group`` into ``GROUPS``, ``mentor``
into ``MENTORS``). ``days_ago`` is relative to the moment the demo is loaded.
"""

GROUPS: list[dict] = [
    {
        "name": "Final-round rejections",
        "description": (
            "You made it all the way to the last conversation, and then the answer was "
            "no. That one stings in a particular way, and this is the place to say so. "
            "Share what happened in the final round, what you'd keep, and what you'd "
            "change next time."
        ),
        "visibility": "public",
    },
    {
        "name": "Career changers",
        "description": (
            "For everyone moving from one field into another: teachers into operations, "
            "nurses into data, cooks into quality control. Here we help each other "
            "**translate** what we already know into the language of the new job. No "
            "question is too basic."
        ),
        "visibility": "public",
    },
    {
        "name": "New grads",
        "description": (
            "First applications, first phone screens, first rejections. Everyone here is "
            "learning how hiring works, and nobody expects you to know it already. Bring "
            "your questions, your small wins and your funny disasters."
        ),
        "visibility": "public",
    },
    {
        "name": "Tech interviews",
        "description": (
            "Live coding, take-homes, system design and the blank-screen moments in "
            "between. Share the rounds that went sideways and what you practised "
            "afterwards:\n\n"
            "- what the format was\n"
            "- where it went wrong\n"
            "- what you'll try next time"
        ),
        "visibility": "public",
    },
    {
        "name": "Returning to work",
        "description": (
            "For people coming back after caring for family, illness, parenting, a "
            "layoff or any other break. Stories here are seen **only by members of this "
            "group**, so you can be as honest as you need to be. You belong back at "
            "work, and we're here to help you get there."
        ),
        "visibility": "private",
    },
]

MEMBERS: list[dict] = [
    {"email": "priya@example.org", "display_name": "Priya S."},
    {"email": "marcus@example.org", "display_name": "Marcus T."},
    {"email": "elena@example.org", "display_name": "Elena R."},
    {"email": "jamal@example.org", "display_name": "Jamal W."},
    {"email": "sofia@example.org", "display_name": "Sofia L."},
    {"email": "daniel@example.org", "display_name": "Daniel K."},
    {"email": "aisha@example.org", "display_name": "Aisha M."},
    {"email": "tom@example.org", "display_name": "Tom B."},
    {"email": "mei@example.org", "display_name": "Mei C."},
    {"email": "carlos@example.org", "display_name": "Carlos G."},
    {"email": "hannah@example.org", "display_name": "Hannah F."},
    {"email": "kwame@example.org", "display_name": "Kwame O."},
    {"email": "lucia@example.org", "display_name": "Lucía P."},
    {"email": "ben@example.org", "display_name": "Ben H."},
    {"email": "fatima@example.org", "display_name": "Fatima Z."},
    {"email": "ravi@example.org", "display_name": "Ravi N."},
    {"email": "grace@example.org", "display_name": "Grace D."},
    {"email": "oliver@example.org", "display_name": "Oliver J."},
    {"email": "yuki@example.org", "display_name": "Yuki A."},
    {"email": "nadia@example.org", "display_name": "Nadia V."},
    {"email": "sam@example.org", "display_name": "Sam E."},
    {"email": "ingrid@example.org", "display_name": "Ingrid H."},
    {"email": "diego@example.org", "display_name": "Diego M."},
    {"email": "chloe@example.org", "display_name": "Chloe N."},
]

STORIES: list[dict] = [
    {
        "author": 0,
        "title": "Final round at Northwind, and they went with an internal candidate",
        "body": (
            "I made it through six weeks and five conversations for a data engineering "
            "lead role. The final round was with the VP and two peers, and honestly it "
            "felt like one of the best interviews of my life. Two days later the "
            "recruiter called: they chose someone already on the team.\n\n"
            "My first reaction was that I'd wasted six weeks. After a weekend of "
            "sulking, I see it differently. The process showed me I can hold my own in "
            "rooms I used to be scared of.\n\n"
            "What I'd do differently:\n\n"
            "- **Ask early whether there are internal candidates.** It doesn't change "
            "your effort, but it changes your expectations.\n"
            "- Ask the final panel what a great first ninety days would look like. I "
            "asked generic questions and missed a chance to sound like a colleague.\n\n"
            "I'm not over it yet. But I'm applying again on Monday."
        ),
        "lessons": [
            {
                "category": "questions_asked",
                "text": (
                    "In the first recruiter call, ask plainly whether internal candidates are in "
                    "the running. It won't change how hard you prepare, but it keeps one "
                    "decision from feeling like a verdict on you."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "Write down three things you did well right after each round, before the "
                    "outcome arrives. When the rejection comes, you still have evidence that the "
                    "work was real."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Software",
        "company": "Northwind Analytics",
        "group": 0,
        "days_ago": 9,
    },
    {
        "author": 1,
        "title": "I named a salary number twenty minutes into the call and heard the recruiter's tone change",
        "body": (
            "Twenty-minute recruiter screen for a financial analyst role. Friendly, "
            "easy, until she asked what I was expecting to earn. I panicked and said a "
            "number about thirty percent above the posted range, because a friend told "
            'me to "anchor high". There was a pause. She said "okay, I\'ll note that" in '
            "a voice I will be hearing in my sleep for a while.\n\n"
            "The rejection email arrived the next morning. Maybe it wasn't the number, "
            "but I'm pretty sure it was.\n\n"
            "Honestly, the anchoring advice isn't wrong. I just used it with zero "
            "research. I didn't know the range for the level, the city or the company "
            "size. I was guessing out loud.\n\n"
            "Next time I'm going in with a real range from at least three sources and a "
            "sentence I've practised: what I'm targeting, why, and that I'm flexible for "
            "the right role. Lesson learned, slightly expensively."
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "Before any recruiter screen, research the pay range for that exact title, "
                    "level and city from at least three sources, and decide your range before "
                    "the call, not during it."
                ),
            },
            {
                "category": "answers",
                "text": (
                    "Practise one calm sentence for the salary question out loud: your target "
                    "range, the reason, and that you're open to discussing the whole package. "
                    "Saying it twice beforehand takes the panic out of it."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Finance",
        "company": "Granite Trust",
        "group": None,
        "days_ago": 2,
    },
    {
        "author": 2,
        "title": "Five hours of interviews, and the feedback was: not enough leadership examples",
        "body": (
            "I'm a clinical project coordinator and I went for a program manager role. "
            "Five back-to-back interviews, one lunch, one tour of the new outpatient "
            "wing. I went home exhausted but proud.\n\n"
            "The feedback, which I'm genuinely grateful they gave, was that I "
            '**described what the team did, not what I did**. I kept saying "we rolled '
            'out", "we reduced wait times", "we trained the staff". Reading my notes '
            "afterwards, it's true. I led that rollout. I just never said so.\n\n"
            "Part of it is how I was raised: don't brag, share the credit. That's a good "
            "value in a hospital. It's a bad habit in an interview.\n\n"
            'So I\'ve rewritten my four main stories with "I" at the centre: the decision '
            "I made, the conflict I handled, the result I'm accountable for. It feels "
            "awkward. I'm practising until it doesn't."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "When telling a team success story, name your own decision and action "
                    'explicitly: "I decided", "I convinced", "I changed". Credit the team in one '
                    "sentence, then spend the rest on your part."
                ),
            },
            {
                "category": "preparation",
                "text": (
                    "For a long onsite, prepare four or five stories mapped to the leadership "
                    "points in the job description, and check that each one contains a moment "
                    "where you personally made the call."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Healthcare",
        "company": "Bluebird Health",
        "group": None,
        "days_ago": 15,
    },
    {
        "author": 3,
        "title": "I froze on a graph problem I've solved a dozen times",
        "body": (
            "Technical round, shared editor, friendly interviewer. The problem was a "
            "shortest-path variant. I have solved this exact pattern at least a dozen "
            "times in practice. And my mind went completely white. I typed a function "
            "signature, deleted it, typed it again.\n\n"
            "About eight minutes in, the interviewer gently asked what I was thinking. I "
            'said, "Honestly, I\'m blanking." She was kind about it and gave me a hint, '
            "and I got a working solution by the end, but not an optimal one. The email "
            "came two days later.\n\n"
            "What I've figured out since:\n\n"
            "1. I practise alone, in silence. The interview is out loud, with someone "
            "watching. Those are different skills.\n"
            "2. When I freeze, I need a **default first move**: restate the problem, "
            "write a tiny example, solve it by hand.\n"
            '3. Saying "let me think out loud for a minute" is allowed. Silence is the '
            "real problem.\n\n"
            "I've booked three mock interviews with friends. Out loud this time."
        ),
        "lessons": [
            {
                "category": "skills",
                "text": (
                    "Practise at least a third of your coding problems out loud with someone "
                    "watching, or record yourself. Solving silently and solving while narrating "
                    "are different skills."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "Have a default first move for when you blank: restate the problem, write "
                    "one small example and solve it by hand. It gets your hands moving and "
                    "usually unlocks the pattern."
                ),
            },
            {
                "category": "preparation",
                "text": (
                    "Book two or three mock interviews in the week before a technical round, not "
                    "just solo practice, so the pressure of being watched feels familiar."
                ),
            },
        ],
        "stage": "technical",
        "industry": "Software",
        "company": None,
        "group": 3,
        "days_ago": 8,
    },
    {
        "author": 4,
        "title": "Rejected eleven minutes after applying. A new personal record.",
        "body": (
            "I'm a recent graduate in interaction design. I applied for a junior product "
            "designer role on a Sunday night, hit submit, made tea, and by the time I "
            "sat back down there was a polite rejection in my inbox. Eleven minutes.\n\n"
            "I laughed, then I got curious. No human looked at my portfolio in eleven "
            "minutes on a Sunday. So I went back and compared my resume to the posting. "
            'They asked for "design systems", "usability testing" and "Figma". My resume '
            'said "component libraries", "user research sessions", and listed my tools '
            "at the very bottom in a tiny font.\n\n"
            "Same skills, different words. I had been so focused on making the resume "
            "*look* good that I forgot something has to *read* it first.\n\n"
            "I now keep a plain, single-column version of my resume and tailor the "
            "keywords for each posting. Still pretty in the portfolio. Boring and clear "
            "in the resume."
        ),
        "lessons": [
            {
                "category": "materials",
                "text": (
                    "Keep a plain, single-column version of your resume for online applications, "
                    "and mirror the posting's exact wording for skills you genuinely have, such "
                    'as "usability testing" rather than your own synonym.'
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "An instant rejection is information about the filter, not about you. Treat "
                    "it as a prompt to check keywords and formatting rather than as a verdict on "
                    "your work."
                ),
            },
        ],
        "stage": "application",
        "industry": "Design",
        "company": None,
        "group": 2,
        "days_ago": 22,
    },
    {
        "author": 5,
        "title": (
            "Eight years teaching, trying to move into operations, and the manager said "
            'I "seemed like a great teacher"'
        ),
        "body": (
            "I taught high school chemistry for eight years. I'm trying to move into "
            "operations coordination at a manufacturing plant, because scheduling, "
            "safety protocols and getting thirty people to follow a procedure is most of "
            "what I already do.\n\n"
            "The hiring manager interview was going fine until the end, when he said, "
            'kindly, that I "seemed like a great teacher". I knew right then. I had '
            "spent forty minutes talking about students and lesson plans. I never "
            "translated any of it.\n\n"
            "What I should have said:\n\n"
            "- Running a lab of thirty people with hazardous materials is **safety "
            "compliance**.\n"
            "- Building the department's shared timetable every term is **scheduling and "
            "resource planning**.\n"
            "- Parent conferences are **stakeholder communication**.\n\n"
            "I'm not ashamed of being a teacher. But the interviewer shouldn't have to "
            "do the translation for me. That's my job now."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "If you're changing careers, translate each example into the new field's "
                    "vocabulary before the interview. Write a two-column list: what you did in "
                    "your old role, and what the new industry calls it."
                ),
            },
            {
                "category": "enthusiasm",
                "text": (
                    "Explain why you want the new field, not just why you're leaving the old "
                    "one. Have one concrete moment ready that made you want this work, so the "
                    "move sounds like a choice rather than an escape."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Manufacturing",
        "company": None,
        "group": 1,
        "days_ago": 11,
    },
    {
        "author": 6,
        "title": "My thank-you note went out with the wrong interviewer's name on it",
        "body": (
            "Final round for a product marketing manager role. Four interviewers, all "
            "good conversations. That evening I sent thank-you notes, feeling very "
            "organised.\n\n"
            "Except I'd copied my template and sent the note meant for the design lead "
            "to the head of sales, with the design lead's name at the top. I noticed the "
            "next morning. I sent a short correction, which was the right move, but I "
            "spent the rest of the week sure that was the reason.\n\n"
            "The rejection came eight days later. The recruiter said it was close and "
            "they went with someone with more B2B experience. So probably not the email. "
            "But the feeling of that mistake taught me more than the rejection did.\n\n"
            "New system: I write notes during the interview day in a plain document, one "
            "per person, each with a specific thing they said. I send them the next "
            "morning after reading each one out loud. Slower. Much better."
        ),
        "lessons": [
            {
                "category": "follow_up",
                "text": (
                    "Write each thank-you note from scratch around one specific thing that "
                    "person said, and send them the next morning after rereading. Templates are "
                    "where names get swapped."
                ),
            },
            {
                "category": "first_impression",
                "text": (
                    "If you make a follow-up mistake, send one short, plain correction within a "
                    "day and leave it there. A calm fix reads as professional; a long apology "
                    "draws more attention to it."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Marketing",
        "company": "northwind analytics",
        "group": 0,
        "days_ago": 10,
    },
    {
        "author": 7,
        "title": "Rejected at the reference check, which I didn't know could happen",
        "body": (
            "I was told I was the preferred candidate for a store manager role. Then "
            "they asked for references. Two weeks later: \"we've decided to move in a "
            'different direction".\n\n'
            "I'd given my old district manager as a reference without asking him first. "
            "I assumed he'd be positive because we got along. I found out later, through "
            "a former coworker, that he'd been vague and said I \"struggled with some "
            'scheduling issues". Which, fair, there was one bad holiday season three '
            "years ago.\n\n"
            "The lesson isn't that he was unfair. It's that I handed someone a key part "
            "of my application and never checked what they'd say. Now I:\n\n"
            "- ask every reference directly whether they're comfortable giving a "
            "**strong** reference,\n"
            "- remind them which role I'm going for and what I'd love them to mention,\n"
            "- and give them a heads-up when a call is coming.\n\n"
            "It's awkward for about two minutes. That's cheaper than losing an offer."
        ),
        "lessons": [
            {
                "category": "other",
                "text": (
                    "Ask each reference directly whether they can give you a strong reference "
                    "for this specific role. If they hesitate, thank them and choose someone "
                    "else."
                ),
            },
            {
                "category": "follow_up",
                "text": (
                    "Brief your references before each check: the role, the two or three "
                    "strengths you'd like them to speak to, and when to expect a call."
                ),
            },
        ],
        "stage": "other",
        "industry": "Retail",
        "company": None,
        "group": None,
        "days_ago": 30,
    },
    {
        "author": 8,
        "title": "System design round: I designed a spaceship when they wanted a bicycle",
        "body": (
            "Backend engineer role, system design interview. The prompt was a simple "
            'internal tool for scheduling reports. I heard "design a system" and '
            "immediately started drawing message queues, sharded databases, a caching "
            "layer and multi-region failover.\n\n"
            'The interviewer let me go for about twenty minutes and then asked, "How '
            'many users do you think this has?" The answer was about forty analysts. '
            "Forty. I had built a spaceship for forty people.\n\n"
            "The feedback from the recruiter was polite but clear: strong technical "
            "knowledge, didn't clarify requirements, over-engineered.\n\n"
            "What stings is that I know better. At my current job I'm the one who pushes "
            "back on complexity. In the interview I wanted to show everything I know "
            "instead of solving the actual problem.\n\n"
            "Next time, the first five minutes are questions only: who uses it, how "
            "many, how often, and what happens if it's down for an hour."
        ),
        "lessons": [
            {
                "category": "questions_asked",
                "text": (
                    "Spend the first five minutes of a system design round asking about users, "
                    "scale, traffic and tolerance for downtime, and write the answers down "
                    "before drawing anything."
                ),
            },
            {
                "category": "skills",
                "text": (
                    "Practise designing the simplest version that works first, then say "
                    "explicitly what you'd add at ten or a hundred times the load. Interviewers "
                    "want to see judgment, not every component you know."
                ),
            },
        ],
        "stage": "technical",
        "industry": "Software",
        "company": "Northwind  Analytics",
        "group": 3,
        "days_ago": 12,
    },
    {
        "author": 9,
        "title": "I mispronounced the organisation's name. Twice. In the first minute.",
        "body": (
            "This one is funny now. It wasn't on Tuesday.\n\n"
            "I applied to a small environmental nonprofit whose name comes from a "
            "language I don't speak. I never looked up how to say it. First minute of "
            'the call: "I\'m so excited about the mission at..." and I mangled it. The '
            "recruiter corrected me gently. I thanked her, and then, because nerves are "
            "a comedian, I said it wrong again.\n\n"
            "I recovered okay. We had a good chat about their watershed program. But I "
            "could tell I'd started on the back foot, and when she asked why this "
            "organisation specifically, my answer was generic enough to be about any "
            "green nonprofit.\n\n"
            "The rejection came Friday. The name thing is the headline, but the real "
            "miss was that I hadn't done my homework. If I had, I'd have known how to "
            "pronounce it **and** had a real answer about why them."
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "Before the first call, look up how to pronounce the organisation's name and "
                    "your interviewer's name. Most organisations have a video or podcast where "
                    "someone says it."
                ),
            },
            {
                "category": "enthusiasm",
                "text": (
                    "Prepare one reason you want this specific organisation that couldn't apply "
                    "to its competitors: a program, a report they published, a decision they "
                    "made. Generic passion sounds like no passion."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Nonprofit",
        "company": None,
        "group": None,
        "days_ago": 5,
    },
    {
        "author": 10,
        "title": "My demo lesson needed a projector that didn't exist",
        "body": (
            "I was interviewing for a middle school English position. The onsite "
            "included a twenty-minute demo lesson with real students, and I built the "
            "whole thing around a short video clip and a slide deck.\n\n"
            "I walked in and the classroom had a whiteboard, a box of markers and no "
            "projector. I hadn't asked. I had assumed.\n\n"
            "I improvised: I read the passage aloud instead and ran a discussion "
            "activity on the board. The kids were lovely, and the principal told me "
            "afterwards that she liked how I adapted. I still didn't get the job. The "
            'feedback was that the lesson felt "a bit unstructured", which, yes, because '
            "I was making it up on the spot.\n\n"
            "I'm not beating myself up too badly. But I've learned to **ask about the "
            "room**: technology, number of students, how long, what they're currently "
            "studying. And I now always bring a printed version of anything I plan to "
            "show."
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "For any demo, presentation or teaching sample, ask in advance about the "
                    "room, the technology, the audience and the time. Don't assume a projector, "
                    "screen sharing or working Wi-Fi."
                ),
            },
            {
                "category": "materials",
                "text": (
                    "Bring a printed, low-tech backup of anything you plan to show, so a missing "
                    "screen changes the format of your lesson but not its structure."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Education",
        "company": "Cedarline Schools",
        "group": None,
        "days_ago": 26,
    },
    {
        "author": 11,
        "title": "I didn't ask a single question in the final round, and I think that said a lot",
        "body": (
            "Final round for a credit risk analyst role. It was with the department "
            "head, and it went well until the end, when she asked if I had any "
            'questions. I said, "No, I think you\'ve covered everything, thank you."\n\n'
            "I meant it politely. In my family, you don't quiz your elders, and you "
            "definitely don't quiz someone who could hire you. But on the way home I "
            "realised how it must have looked: like I wasn't curious about the team, the "
            "portfolio or how they make decisions.\n\n"
            "The rejection came the following week. The recruiter said the other "
            'candidate "showed more engagement with the role".\n\n'
            "I've written a short list of questions I actually want answered:\n\n"
            "- What does a good first six months look like in this role?\n"
            "- Where does the team disagree most often?\n"
            "- What would make you say this hire was a mistake, a year from now?\n\n"
            "Asking questions isn't rude. It's how you show you're already thinking like "
            "part of the team."
        ),
        "lessons": [
            {
                "category": "questions_asked",
                "text": (
                    "Prepare three questions you genuinely want answered for every final round, "
                    "such as what success looks like in six months or where the team disagrees "
                    'most. "No questions" reads as low interest.'
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "If a cultural habit, like not questioning senior people, works against you "
                    "in interviews, reframe it: asking thoughtful questions is a sign of respect "
                    "for their time and their work."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Finance",
        "company": "Harbor Lane Bank",
        "group": 0,
        "days_ago": 18,
    },
    {
        "author": 12,
        "title": "Four years caring for my dad, and I apologised for it in the interview",
        "body": (
            "I left my job as a marketing coordinator four years ago to care for my "
            "father. He passed last spring. I'm ready to work again, and I'm good at "
            "this work.\n\n"
            "The hiring manager asked about the gap. And I apologised. I actually said, "
            '"Sorry, I know it\'s a long time." Then I over-explained, got emotional for '
            "a second, and spent the rest of the interview trying to prove I was still "
            "competent instead of just being competent.\n\n"
            "I didn't get it. I've been thinking about why I apologised, and it's "
            "because some part of me still thinks those years don't count. They do. I "
            "managed medical schedules, insurance appeals, a rota of rotating carers and "
            "a household budget.\n\n"
            "I'm practising a two-sentence answer: what I did, and why I'm ready now. No "
            "apology. Just the truth, said steadily.\n\n"
            "If you're in this group, you probably know exactly what I mean."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "Prepare a short, steady answer about a career gap: one sentence on what you "
                    "did, and one on why you're ready now and what you've kept sharp. Don't "
                    "apologise for it."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "List the real skills your gap years used, such as scheduling, negotiation, "
                    "budgeting and handling emergencies. Reading that list before an interview "
                    "reminds you that the time counted."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Marketing",
        "company": None,
        "group": 4,
        "content_notes": ["health"],
        "days_ago": 7,
    },
    {
        "author": 13,
        "title": "Sixty applications, two callbacks: what I changed in my resume",
        "body": (
            "I'm a self-taught developer with two years of freelance work. Over about "
            "two months I sent sixty applications and got two recruiter calls, both of "
            "which went nowhere.\n\n"
            "I finally asked a friend who does hiring to look at my resume. She took "
            'about ninety seconds and said, "I can\'t tell what you built." My resume was '
            "a list of technologies. No projects, no results, nothing a person could "
            "picture.\n\n"
            "What I changed:\n\n"
            "- Each freelance project now has **one line on the problem and one on the "
            'result**, like "cut a client\'s checkout time in half".\n'
            "- The skills list is shorter and grouped.\n"
            "- My best project moved to the top instead of the bottom.\n"
            "- I apply to fewer jobs, but I adjust the summary for each one.\n\n"
            "Since then I've sent fifteen applications and had four callbacks. Still no "
            "offer. But it doesn't feel like shouting into the void anymore."
        ),
        "lessons": [
            {
                "category": "materials",
                "text": (
                    "For each project or role on your resume, write one line on the problem and "
                    "one on the result, with a number if you can. A list of technologies doesn't "
                    "tell anyone what you can do."
                ),
            },
            {
                "category": "skills",
                "text": (
                    "Build one small project that matches the kind of work in the roles you "
                    "apply for, and put it at the top of your resume. Relevant evidence beats a "
                    "long list of tools."
                ),
            },
        ],
        "stage": "application",
        "industry": "Software",
        "company": None,
        "group": None,
        "days_ago": 35,
    },
    {
        "author": 14,
        "title": "Nurse to health informatics: they loved my clinical side and doubted my data side",
        "body": (
            "Twelve years as an ICU nurse. For the last two I've been the unofficial "
            '"charting system person" on my unit, and I finished a certificate in health '
            "informatics in the evenings. I finally got an onsite for a clinical "
            "informatics analyst role.\n\n"
            "The clinical part went beautifully. They asked how nurses actually use the "
            "charting system and I had stories for days. Then came a practical exercise "
            "with a messy spreadsheet of medication data, and I got slow and nervous. I "
            "knew what I wanted to find; I just wasn't fluent.\n\n"
            "The feedback was honest: great domain knowledge, needs more hands-on data "
            "experience.\n\n"
            "Fair. I'm now doing small weekly projects with public health datasets to "
            "build real fluency, not just a certificate. And next time, when they ask "
            "about technical skills, I'll **lead with a concrete data project** instead "
            "of the certificate."
        ),
        "lessons": [
            {
                "category": "skills",
                "text": (
                    "If you're changing fields, build fluency with small, regular practice "
                    "projects, not only a certificate. Aim to be comfortable doing the basic "
                    "task under mild time pressure."
                ),
            },
            {
                "category": "answers",
                "text": (
                    "When asked about technical skills, describe a specific project you did and "
                    "what you found, rather than naming the course you took."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Healthcare",
        "company": None,
        "group": 1,
        "days_ago": 14,
    },
    {
        "author": 15,
        "title": "I solved the coding problem and still failed the round",
        "body": (
            "Live coding round for a mid-level backend role. The problem was a rate "
            "limiter. I got a working, efficient solution with time to spare, and I "
            "walked out feeling great.\n\n"
            "Rejected. When I asked for feedback, the recruiter said the interviewer "
            '"couldn\'t follow my reasoning" and that I "didn\'t engage with hints".\n\n'
            "Looking back, I coded in silence for twenty minutes. At one point the "
            "interviewer asked whether I'd considered a different data structure, and I "
            'said, "No, this is fine," and kept typing. I thought I was being confident. '
            "I was being a wall.\n\n"
            "The interview isn't only checking whether you can solve it. It's checking "
            "whether they'd want to solve problems *with* you.\n\n"
            "So now I practise narrating: what I'm about to try, why, and what the "
            "trade-off is. And when an interviewer offers a hint, I treat it as a "
            "conversation, not an interruption."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "Narrate your reasoning while you code: what you're trying, why, and the "
                    "trade-off. A correct solution the interviewer can't follow can still fail "
                    "the round."
                ),
            },
            {
                "category": "skills",
                "text": (
                    "Treat an interviewer's hint or question as an invitation to discuss. Say "
                    "what you think of the alternative, even if you keep your approach, instead "
                    "of brushing it aside."
                ),
            },
        ],
        "stage": "technical",
        "industry": "Software",
        "company": "NORTHWIND ANALYTICS",
        "group": None,
        "days_ago": 3,
    },
    {
        "author": 16,
        "title": "Eleven minutes late to a video interview because of a software update",
        "body": (
            "I had everything ready. Outfit, notes, good lighting, a glass of water. "
            "Five minutes before the call with the hiring manager for a regional "
            "merchandising role, I clicked the link and my laptop decided this was the "
            "perfect moment for a mandatory update.\n\n"
            "Then the video app needed an update too. Then my microphone wasn't "
            "recognised. I joined eleven minutes late, flustered and apologising, with "
            "my heart pounding. The damn thing even froze once mid-answer.\n\n"
            "The manager was gracious, but the interview was cut short because she had "
            "another meeting. I didn't get a second round.\n\n"
            "I'm not going to pretend it was all bad luck. I could have tested the link "
            "the day before. So now:\n\n"
            "- I join a test call on the same device **the day before**.\n"
            "- I restart my laptop an hour before any interview.\n"
            "- I keep the recruiter's contact details on paper in case something breaks.\n\n"
            "Small stuff. But it's the small stuff that got me."
        ),
        "lessons": [
            {
                "category": "first_impression",
                "text": (
                    "Test the exact interview link on the exact device the day before, and "
                    "restart it an hour ahead. Arriving calm and on time is the first thing they "
                    "notice."
                ),
            },
            {
                "category": "preparation",
                "text": (
                    "Have a backup plan for tech failures: the recruiter's contact details "
                    "written down, your phone charged, and a one-line message ready saying "
                    "you're having trouble and can join by phone."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Retail",
        "company": "Harvest Market",
        "group": None,
        "days_ago": 20,
    },
    {
        "author": 17,
        "title": "My portfolio presentation ran twenty-five minutes over, and nobody stopped me",
        "body": (
            "Final round for a senior UX designer role: a forty-five-minute portfolio "
            "presentation to the design team, then questions. I brought three case "
            "studies because I wanted to show range.\n\n"
            "I ran over. A lot. Nobody stopped me, which I took as interest. In reality "
            "they were too polite to interrupt, and by the time I finished there were "
            "five minutes left for questions and two people had left for other meetings.\n\n"
            'The rejection email said they "wanted to see more about how I make '
            'decisions under constraints". That was exactly what they would have asked '
            "about in the discussion I squeezed out.\n\n"
            "Now I present **one case study in depth**, timed to twenty-five minutes and "
            "rehearsed with a timer twice. I keep the other two as backups in case they "
            "ask for more. Less to show, more room to talk."
        ),
        "lessons": [
            {
                "category": "materials",
                "text": (
                    "For a portfolio or case presentation, pick one or two pieces and go deep on "
                    "your decisions and trade-offs. Keep extra work ready in case they ask, but "
                    "don't present it by default."
                ),
            },
            {
                "category": "preparation",
                "text": (
                    "Rehearse your presentation with a timer at least twice and aim to finish "
                    "with a third of the slot left for questions. The discussion is often where "
                    "the decision is made."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Design",
        "company": "Studio Pellucid",
        "group": 0,
        "days_ago": 8,
    },
    {
        "author": 18,
        "title": "New grad, recruiter screen, and I sounded like I was reading a script",
        "body": (
            "I graduated in May with a degree in education policy. Yesterday I had a "
            "recruiter screen for a program assistant role at an education research "
            "centre, the kind of job I've wanted since my second year.\n\n"
            "I had prepared so much that I had answers written out for everything, and I "
            "read them. Word for word. I could hear myself sounding flat and rehearsed, "
            "and I couldn't stop, because the script felt safer than thinking.\n\n"
            'The recruiter asked, "What excites you about research work?" and instead of '
            "talking about my senior thesis, which I genuinely loved, I read a sentence "
            'about my "passion for evidence-based policy". Even I didn\'t believe me.\n\n'
            "The rejection came this morning. It's okay. I learned something real: "
            "**bullet points, not paragraphs**. I want to remember what I want to say, "
            "not recite it.\n\n"
            "Also, I'm going to talk about the thesis. Out loud. With feelings."
        ),
        "lessons": [
            {
                "category": "first_impression",
                "text": (
                    "Prepare your key points as short bullet notes, not full written answers. "
                    "Reading sentences aloud sounds flat, even when the content is good."
                ),
            },
            {
                "category": "enthusiasm",
                "text": (
                    "Pick one thing you genuinely loved working on and tell it as a short story "
                    "when asked what excites you. Real detail shows enthusiasm better than any "
                    "adjective."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Education",
        "company": None,
        "group": 2,
        "days_ago": 1,
    },
    {
        "author": 19,
        "title": "I volunteered there for a year. They hired someone from outside.",
        "body": (
            "After stepping away from work for three years for health reasons, I started "
            "volunteering at a community literacy nonprofit to ease back in. I loved it. "
            "When they posted a paid volunteer coordinator role, everyone told me I was "
            "a shoo-in.\n\n"
            "I wasn't. They hired an external candidate with recent paid experience.\n\n"
            "I'll be honest: it hurt more than any rejection from a stranger. These are "
            "people I like. I cried in my car, went home, and skipped my Saturday shift.\n\n"
            "The next week the director called me and we talked properly. She said my "
            "application read like a volunteer's, not a coordinator's. I described what "
            "I'd helped with, not what I'd run. And I never prepared the way an outsider "
            "would, because I assumed they knew me.\n\n"
            "I went back to my Saturday shift. I'm also applying elsewhere now, and "
            "treating every application, even the familiar ones, as if they've never met "
            "me."
        ),
        "lessons": [
            {
                "category": "mindset",
                "text": (
                    "When you apply internally or somewhere you volunteer, prepare as if they've "
                    "never met you. Familiarity doesn't replace a clear case for why you fit the "
                    "paid role."
                ),
            },
            {
                "category": "other",
                "text": (
                    "If a rejection comes from people you know, ask for a proper conversation a "
                    "week or two later. It can turn a painful no into the most useful feedback "
                    "you'll get."
                ),
            },
        ],
        "stage": "other",
        "industry": "Nonprofit",
        "company": None,
        "group": 4,
        "days_ago": 16,
    },
    {
        "author": 20,
        "title": "The plant tour was part of the interview and I didn't realise it",
        "body": (
            "I was interviewing for a quality technician role at a components plant. The "
            "day had two formal interviews and a plant tour in between. I treated the "
            "tour as a break: relaxed, chatty, mostly asking about lunch and shift "
            "patterns.\n\n"
            "It turns out the supervisor who led the tour was one of the "
            "decision-makers, and the tour was where they watched how you look at a "
            "production floor. The other candidate apparently asked about defect rates, "
            "how inspection fits into the line and what their biggest recurring quality "
            "problem was.\n\n"
            "I asked where the break room was.\n\n"
            "I don't feel foolish exactly, just a bit naive. Nobody told me it was "
            "assessed, but nobody needed to. **Everything on an interview day is the "
            "interview.**\n\n"
            "Next time I'll prepare two or three questions about the actual operation "
            "before I ever set foot on the floor."
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "Treat every part of an interview day as assessed: tours, lunches, walks "
                    "between rooms. Ask the recruiter beforehand who you'll meet and in what "
                    "format."
                ),
            },
            {
                "category": "questions_asked",
                "text": (
                    "Prepare two or three questions about the actual work for any site visit, "
                    "such as how quality is checked, what the recurring problems are and how "
                    "shifts hand over."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Manufacturing",
        "company": "Kestrel Components",
        "group": None,
        "days_ago": 24,
    },
    {
        "author": 21,
        "title": "The case study answer was right. The way I presented it wasn't.",
        "body": (
            "Final round for a senior financial planning role. They gave me a case the "
            "night before: a business unit with falling margins, and what would I "
            "recommend. I spent hours on it and I'm confident my analysis was solid.\n\n"
            "In the room I walked through it in the order I'd done the work: data, "
            "assumptions, model, sensitivity, and finally, twenty minutes in, the "
            'recommendation. The CFO interrupted around minute twelve to ask, "So what '
            'do you want us to do?"\n\n'
            "That question was the feedback. They wanted the answer first.\n\n"
            "I've spent years building models for people who read the summary slide and "
            "nothing else. I know this. I just forgot it under pressure, because I "
            "wanted to show the work.\n\n"
            "Next time: **recommendation in the first minute**, then the three reasons, "
            "then detail only as deep as they ask. And I'll send a one-page summary "
            "afterwards."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "For case studies and presentations, lead with your recommendation in the "
                    "first minute, then give two or three supporting reasons. Go into detail "
                    "only as far as the audience asks."
                ),
            },
            {
                "category": "follow_up",
                "text": (
                    "After a case interview, send a short follow-up with a one-page summary of "
                    "your recommendation. It shows you communicate crisply and gives them "
                    "something to pass around."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Finance",
        "company": "Granite Trust",
        "group": None,
        "days_ago": 6,
    },
    {
        "author": 22,
        "title": "My take-home was beautiful, and that was the problem",
        "body": (
            'The take-home said "please spend no more than four hours". I spent about '
            "fourteen. I added tests for everything, a container setup, a small front "
            "end nobody asked for and a long README explaining my architecture choices.\n\n"
            "The reviewers said the code was high quality, but they were concerned that "
            'I "didn\'t follow the scope" and that the solution "would be hard for the '
            'team to maintain". Ouch, but fair. I built what I wanted to build, not what '
            "they asked for.\n\n"
            "Honestly, some of it was anxiety. I thought more polish would make up for "
            "being a bootcamp grad. It didn't; it made me look like I couldn't "
            "prioritise.\n\n"
            "For the next take-home I'm going to:\n\n"
            "- respect the time box and **write in the README what I'd do with more "
            "time**,\n"
            "- keep the solution as simple as the problem,\n"
            "- write tests for the core logic only.\n\n"
            "Doing less on purpose is a skill. I'm working on it."
        ),
        "lessons": [
            {
                "category": "skills",
                "text": (
                    "Stay within a take-home's time limit and list in the README what you'd add "
                    "with more time. Reviewers are often checking your judgment about scope as "
                    "much as your code."
                ),
            },
            {
                "category": "other",
                "text": (
                    "Notice when extra polish is driven by anxiety rather than the brief. Before "
                    "building something, ask yourself whether the reviewer asked for it."
                ),
            },
        ],
        "stage": "technical",
        "industry": "Software",
        "company": "Lumen Cart",
        "group": 3,
        "days_ago": 38,
    },
    {
        "author": 23,
        "title": "I sent the same cover letter to thirty companies and it showed",
        "body": (
            "Communications graduate here, applying for entry-level marketing roles. I "
            "had one cover letter I was proud of, so I changed the company name at the "
            "top and sent it everywhere.\n\n"
            "One recruiter actually replied to a rejection with a note, which never "
            'happens. She said, kindly, that my letter "could have been written for any '
            'company" and that they were looking for people who had clearly engaged with '
            "their brand.\n\n"
            "I reread it. She was right. Three paragraphs about me, zero sentences about "
            "them.\n\n"
            "Now every letter has one paragraph that could only have been written for "
            "that company: a campaign of theirs I liked and why, a gap I noticed in "
            "their social channels, something specific. It takes an extra twenty minutes "
            "per application. I apply to fewer places. The replies have been warmer.\n\n"
            "And to that recruiter: thank you. You didn't have to do that."
        ),
        "lessons": [
            {
                "category": "materials",
                "text": (
                    "Include one paragraph in every cover letter that could only have been "
                    "written for that company, referencing a specific campaign, product or "
                    "decision and what you think of it."
                ),
            },
            {
                "category": "enthusiasm",
                "text": (
                    "Show enthusiasm through specifics about their work, not adjectives about "
                    'yourself. "I loved how your spring campaign used customer stories" beats '
                    '"I\'m passionate about marketing".'
                ),
            },
        ],
        "stage": "application",
        "industry": "Marketing",
        "company": None,
        "group": 2,
        "days_ago": 28,
    },
    {
        "author": 0,
        "title": "I complained about my old manager in an interview. I know. I know.",
        "body": (
            "A while back I had a hiring manager call for a data engineering role at a "
            "mid-sized startup. She asked why I was looking to leave my current job.\n\n"
            "And I told her. All of it. The reorganisations, the manager who kept "
            "changing priorities, the project that got cancelled after six months. I was "
            "trying to be honest. What came out was a list of complaints.\n\n"
            "She was polite, but I noticed she stopped taking notes. The rejection "
            "arrived by email two days later.\n\n"
            "Here's what I've learned: the interviewer isn't your therapist, and they "
            "can't tell from one call whether your old boss was difficult or you were. "
            "All they hear is negativity they might inherit.\n\n"
            "My new answer focuses on what I'm moving **toward**: more ownership of data "
            "platforms, and a team that ships regularly. It's just as honest. It's just "
            "pointed the right way."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "When asked why you're leaving, talk about what you're moving toward: the "
                    "work, scope or team you want next. Keep criticism of past employers to one "
                    "neutral sentence at most."
                ),
            },
            {
                "category": "first_impression",
                "text": (
                    "Watch for signs the interviewer has disengaged, like they've stopped "
                    "writing or their replies are shorter, and use them as a cue to wrap up that "
                    "answer and move to something positive."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Software",
        "company": None,
        "group": None,
        "days_ago": 33,
    },
    {
        "author": 1,
        "title": "I prepared for the wrong job description",
        "body": (
            "This one is entirely on me. I applied to a bunch of analyst roles at once "
            "and kept the postings in a spreadsheet. When the onsite invitation came, I "
            "opened what I thought was the right posting and prepared for a commercial "
            "lending analyst role.\n\n"
            "It was a treasury analyst role. Similar words, very different job.\n\n"
            "I realised in the first interview, when the manager asked about cash "
            "forecasting and liquidity and I had prepared answers about credit memos. I "
            "adjusted as best I could, but I was obviously improvising all day.\n\n"
            "They rejected me, reasonably. What I'm changing:\n\n"
            "1. Save a **copy of every posting** when I apply, because they get taken "
            "down.\n"
            "2. Before any interview, reread it and write the three main "
            "responsibilities at the top of my notes.\n"
            '3. Ask the recruiter directly: "What are the top priorities for this role '
            'in the first year?"\n\n'
            "Funny in hindsight. Painful on the day."
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "Save a copy of every job posting when you apply, and reread it before each "
                    "round. Write the top three responsibilities at the top of your notes so you "
                    "prepare for the right job."
                ),
            },
            {
                "category": "follow_up",
                "text": (
                    "When you're invited to interview, reply with a short note confirming the "
                    "exact role title and asking what the top priorities are for the first year. "
                    "It catches mix-ups early."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Finance",
        "company": "harbor lane bank",
        "group": None,
        "days_ago": 9,
    },
    {
        "author": 2,
        "title": "Today's rejection hurt less, and I think I know why",
        "body": (
            "I got a rejection this afternoon after a recruiter screen for a patient "
            "experience manager role. A few months ago a no like this would have ruined "
            "my week. Today I read it, felt the sting, made dinner, and now I'm writing "
            "this.\n\n"
            "What's different:\n\n"
            "- I'm applying to several roles at a time, so no single one carries "
            "everything.\n"
            "- I write down what went well after each interview, before I hear back.\n"
            "- I have people here to tell, which sounds small but isn't.\n\n"
            "I also tried something new: I replied to the recruiter, thanked her, and "
            "asked if there was one thing I could do better. She answered! She said my "
            "experience fit, but the salary expectation on my form was above their "
            "budget. That's not a flaw in me. That's just information.\n\n"
            "Sting, dinner, lesson, next. That's the plan."
        ),
        "lessons": [
            {
                "category": "mindset",
                "text": (
                    "Keep several applications active at once so no single outcome carries all "
                    "your hopes. It makes each rejection smaller and easier to learn from."
                ),
            },
            {
                "category": "follow_up",
                "text": (
                    "Reply to a rejection with a brief thank-you and one specific question, such "
                    'as "Is there one thing I could do better?" Not everyone answers, but those '
                    "who do often give useful detail."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Healthcare",
        "company": None,
        "group": None,
        "days_ago": 0,
    },
    {
        "author": 3,
        "title": "They said I didn't seem excited. I was terrified, which looks similar.",
        "body": (
            "Final round for a software engineer position. I did well on the technical "
            "parts, I'm fairly sure. Then came the conversation with the director, which "
            "was meant to be about motivation and how I work with others.\n\n"
            "I was so focused on not saying anything wrong that I gave short, careful "
            "answers. When she asked what drew me to the company, I said something about "
            '"interesting technical challenges". Which is true. But I didn\'t mention '
            "that I'd used their product for two years at my last job, that I had "
            "opinions about their reporting features, or that I'd read their engineering "
            "team's write-ups about their database migration.\n\n"
            "The feedback: \"strong technically, but we weren't sure how interested he "
            'was".\n\n'
            "I was very interested! I just hid it under nerves. Next time I'm letting "
            "myself be a fan. Specifics, stories, a bit of energy. It's allowed."
        ),
        "lessons": [
            {
                "category": "enthusiasm",
                "text": (
                    "Let your genuine interest show with specifics: how you've used their "
                    "product, what you'd improve, something they published that you read. Short, "
                    "careful answers can come across as indifference."
                ),
            },
            {
                "category": "questions_asked",
                "text": (
                    "Ask at least one question that shows you've used or studied their product, "
                    "like why they made a particular design choice. It signals interest more "
                    "convincingly than saying you're excited."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Software",
        "company": "Northwind analytics",
        "group": 0,
        "days_ago": 12,
    },
    {
        "author": 4,
        "title": "I got defensive during the design critique, and I felt it happen",
        "body": (
            "Onsite for a junior visual designer role. Part of the day was a live "
            "critique of one of my portfolio projects with two senior designers. They "
            "asked why I chose a particular colour palette and suggested it might have "
            "accessibility issues.\n\n"
            'I felt my face get hot and I started defending every choice. "The client '
            'wanted it." "It tested fine." I didn\'t actually know whether it passed '
            "contrast checks. I just didn't want to be wrong in front of them.\n\n"
            'The rejection came a week later. The recruiter mentioned "openness to '
            'feedback" as the concern.\n\n'
            "It stings because critique is literally how design teams work. They weren't "
            "attacking me. They were showing me what working with them would feel like, "
            "and I flinched.\n\n"
            "What I'm practising: **pause, then curiosity**. \"Good point, I didn't check "
            'that. How would you approach it?" Being wrong in a critique is normal. '
            "Being defensive is the thing they remember."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "In a critique or pushback moment, pause, acknowledge the point and ask how "
                    "they'd approach it. Openness to feedback is often what's really being "
                    "assessed."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "Remind yourself before a critique that being wrong about a detail is normal "
                    "in collaborative work. What interviewers remember is how you respond, not "
                    "the flaw itself."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Design",
        "company": "Fernway Design Co.",
        "group": None,
        "days_ago": 19,
    },
    {
        "author": 5,
        "title": "The recruiter couldn't see the connection between my resume and the job",
        "body": (
            "This was my first attempt at leaving teaching. I applied for a production "
            "planner role with my teaching resume, barely changed, because I thought the "
            "cover letter would explain everything.\n\n"
            "The recruiter was honest: she'd read the resume first, seen \"chemistry "
            "teacher\" on every line, and almost didn't call. On the call, she asked how "
            "I'd handle a late supplier delivery, and I talked about field trips. I was "
            "trying to draw a parallel. It didn't land.\n\n"
            "The no came the same day, but she was kind enough to say the resume was "
            "what held me back.\n\n"
            "That was a useful no. I rebuilt the resume with a skills summary at the "
            "top, framed around **planning, compliance and coordination**, and moved the "
            "teaching details further down. It's the version that eventually got me to "
            "hiring manager interviews."
        ),
        "lessons": [
            {
                "category": "materials",
                "text": (
                    "If you're changing careers, put a short skills summary at the top of your "
                    "resume in the target field's language, so a recruiter sees the fit before "
                    "they see your old job title."
                ),
            },
            {
                "category": "preparation",
                "text": (
                    "Prepare two or three examples that map directly onto common situations in "
                    "the new field, like a delayed supplier or a schedule conflict, rather than "
                    "relying on loose analogies."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Manufacturing",
        "company": None,
        "group": None,
        "days_ago": 40,
    },
    {
        "author": 6,
        "title": "A referral got me in the door, and I still didn't get a call",
        "body": (
            "A friend from my old job referred me for a content strategy role at her "
            "company. I thought that was basically a guaranteed interview. I sent my "
            "application, told her I had, and waited.\n\n"
            "Two weeks later: a standard rejection. No call.\n\n"
            "I asked my friend, awkwardly, whether she knew what happened. She looked "
            "into it. The role had been filled from an earlier batch of applicants, and "
            "my referral reached the system after they'd stopped reviewing. Nobody did "
            "anything wrong. I had just assumed the referral would do the work for me.\n\n"
            "What I've learned about referrals:\n\n"
            "- Ask the referrer **who the hiring manager is** and whether they'd be "
            "willing to mention you directly.\n"
            "- Apply as early as possible after a posting goes up.\n"
            "- Check in with your referrer after a week, politely.\n\n"
            "A referral is a foot in the door, not a key."
        ),
        "lessons": [
            {
                "category": "follow_up",
                "text": (
                    "After a referral, check in with your referrer after about a week, and ask "
                    "whether they'd be comfortable mentioning you to the hiring manager directly."
                ),
            },
            {
                "category": "other",
                "text": (
                    "Apply within the first few days of a posting whenever you can. Many roles "
                    "are filled from the first batch of applicants, referral or not."
                ),
            },
        ],
        "stage": "application",
        "industry": "Marketing",
        "company": None,
        "group": None,
        "days_ago": 4,
    },
    {
        "author": 7,
        "title": 'From the shop floor to head office: "we need someone more analytical"',
        "body": (
            "Nine years in store management, and I'm trying to move into a merchandising "
            "analyst role at head office. The hiring manager was great. We talked for an "
            "hour about how stores actually behave: why a display works in one location "
            "and flops in another, and how staff really use the floor plans.\n\n"
            "Then she asked how I'd measure whether a new layout worked. And I said, "
            '"You can just see it. You watch the customers."\n\n'
            "I could see her decide right there.\n\n"
            "I do know how to measure it. I've read sales reports every week for nine "
            "years. But I've never had to explain my gut feeling as data, because in a "
            "store you just act on it.\n\n"
            "So I'm learning to put numbers on my instincts: sales per square foot, "
            "conversion, basket size, before and after. I'm also taking a short "
            'spreadsheet course, because "analytical" is a word I want to own, not dodge.'
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "When an interviewer asks how you'd measure something, name the specific "
                    'metrics and how you\'d compare before and after. "You can just see it" '
                    "sounds like guesswork, even when your instinct is right."
                ),
            },
            {
                "category": "skills",
                "text": (
                    "If your target role needs a skill you've used informally, like reading "
                    "sales reports, formalise it with a short course or a sample analysis you "
                    "can show."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Retail",
        "company": "Maple & Finch",
        "group": 1,
        "days_ago": 14,
    },
    {
        "author": 8,
        "title": "I passed every interview, and then team matching fell through",
        "body": (
            "This is a strange kind of rejection. I passed the full interview loop at a "
            "large company. The recruiter congratulated me. Then came team matching, "
            "where you talk with managers whose teams have openings.\n\n"
            "Three calls. None of them worked out. After six weeks, the recruiter told "
            "me my approval had expired and I could reapply in a year.\n\n"
            'I was so relieved to have "passed" that I treated the matching calls as a '
            "formality. I didn't research the teams. I didn't ask the managers much. One "
            'of them asked what kind of work I wanted to do and I said, "Anything, '
            'really," which I thought sounded flexible. It probably sounded like I '
            "didn't care about her team.\n\n"
            "The lesson for me: **a conversation with a potential manager is always an "
            'interview**, even after you\'ve technically passed. And "anything" is never '
            "the right answer."
        ),
        "lessons": [
            {
                "category": "mindset",
                "text": (
                    "Treat every conversation with a potential manager as an interview, even "
                    "after you've passed the formal rounds. Nothing is a formality until you've "
                    "signed."
                ),
            },
            {
                "category": "questions_asked",
                "text": (
                    "In team-matching or manager calls, research the team beforehand and ask "
                    "specific questions about their current projects and challenges. Say which "
                    'kind of work you want instead of "anything".'
                ),
            },
        ],
        "stage": "other",
        "industry": "Software",
        "company": None,
        "group": None,
        "days_ago": 21,
    },
    {
        "author": 9,
        "title": "Interviewed by the board, and I didn't know what they cared about",
        "body": (
            "Final round for a development director position at a regional food bank. "
            "The last step was a meeting with four board members.\n\n"
            "I prepared as if it were another staff interview: fundraising strategy, "
            "donor retention, grant pipelines. But board members think about different "
            "things. They asked about risk, about how I'd report to them, and about how "
            "I'd handle a bad quarter. One asked what I'd do if a major donor wanted to "
            "attach conditions we weren't comfortable with. I was thrown.\n\n"
            "They chose someone who had worked with boards before. That makes sense.\n\n"
            "I did learn a lot:\n\n"
            "- Read the **annual report and the minutes** if they're public.\n"
            "- Find out who's on the board and what they do professionally.\n"
            "- Prepare answers about governance, accountability and difficult "
            "conversations, not just strategy.\n\n"
            "I'd never been in that room before. Next time I'll walk in knowing what "
            "it's for."
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "Before meeting a board or senior panel, read the annual report and any "
                    "public minutes, and learn the members' backgrounds. They care about risk, "
                    "accountability and reporting, not just strategy."
                ),
            },
            {
                "category": "enthusiasm",
                "text": (
                    "Connect your motivation to the organisation's mission in concrete terms, "
                    "such as a program you'd want to grow, so a board sees commitment beyond the "
                    "job description."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Nonprofit",
        "company": "Riverbend Food Bank",
        "group": None,
        "days_ago": 11,
    },
    {
        "author": 10,
        "title": 'Seven years at home with my kids, and the recruiter asked whether my skills were "current"',
        "body": (
            "I taught primary school before my children were born. Now the youngest is "
            "in school, and I'm applying for teaching assistant and tutoring roles to "
            "ease back in.\n\n"
            "The recruiter was polite, but her second question was whether my skills "
            'were "current". I froze. I said something like "I think so?", which is not '
            "the answer you want.\n\n"
            "Afterwards I made a list of what I've actually done in seven years: I ran "
            "the school's reading volunteers, tutored two neighbours' kids through their "
            "exams, and learned the new online learning platforms because I had to help "
            "my own children with them. My skills are current. I just didn't have the "
            "answer ready.\n\n"
            "So I wrote it down and practised it with my sister. Short, factual, "
            "confident.\n\n"
            "If you're in this group and dreading this question: write your list. You've "
            "done more than you think."
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    'Prepare a specific answer to "Are your skills current?": name two or three '
                    "recent activities that used them, even unpaid ones, and say them with "
                    "confidence."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "Write down everything you did during a break that relates to the work. "
                    "Reading it back before interviews helps you answer from evidence instead of "
                    "doubt."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Education",
        "company": None,
        "group": 4,
        "days_ago": 3,
    },
    {
        "author": 11,
        "title": "A timed modelling test showed me how slow I really am",
        "body": (
            "Second round for an investment analyst role: a ninety-minute spreadsheet "
            "modelling test. Build a simple three-statement model from a set of "
            "assumptions.\n\n"
            "I know how to do this. I've done it in coursework. But I'd always had "
            "unlimited time, and I used the mouse for everything. With the clock "
            "running, I spent fifteen minutes on formatting, got a balance sheet that "
            "didn't balance, and ran out of time debugging it.\n\n"
            "The rejection said my model was incomplete. True.\n\n"
            "What I'm doing now:\n\n"
            "1. Building a three-statement model from scratch **every week, timed**.\n"
            "2. Learning keyboard shortcuts properly. It's boring. It also saves half an "
            "hour.\n"
            "3. Doing formatting last, not first.\n\n"
            "I also found out that most of the other candidates had done tests like this "
            "before, in internships. So I'm not behind because I'm bad at it. I'm behind "
            "on practice. That I can fix."
        ),
        "lessons": [
            {
                "category": "skills",
                "text": (
                    "If a role involves a timed practical test, practise it under real time "
                    "limits every week. Learn the keyboard shortcuts; speed is often the "
                    "difference between complete and incomplete."
                ),
            },
            {
                "category": "preparation",
                "text": (
                    "Ask the recruiter what format any technical test will take and how long it "
                    "is, then do at least three full timed practice runs before the day."
                ),
            },
        ],
        "stage": "technical",
        "industry": "Finance",
        "company": "Atlas Ridge Capital",
        "group": None,
        "days_ago": 27,
    },
    {
        "author": 12,
        "title": "My online profile and my resume told two different stories",
        "body": (
            "Before I started interviewing again after my time away, I applied to about "
            "a dozen marketing roles and heard nothing back. A friend who recruits gave "
            "me a blunt review.\n\n"
            'My resume said "marketing coordinator, career break for family care". My '
            "online professional profile still showed me at my old employer, four years "
            "on, with an outdated job title. My portfolio had a broken page. To a "
            "recruiter, it looked messy, or like I was hiding the gap.\n\n"
            "None of it was intentional. I just hadn't looked at any of it since I "
            "stopped working.\n\n"
            "I spent a weekend aligning everything:\n\n"
            "- The same titles and dates everywhere.\n"
            "- The career break stated plainly, with what I did during it.\n"
            "- A short portfolio with three recent freelance pieces.\n\n"
            "The callbacks didn't flood in, but they started. And the gap conversation "
            "got easier, because it was already on paper."
        ),
        "lessons": [
            {
                "category": "materials",
                "text": (
                    "Before applying, make sure your resume, online profile and portfolio tell "
                    "the same story: the same titles, the same dates and the same explanation of "
                    "any gap. Recruiters check."
                ),
            },
        ],
        "stage": "application",
        "industry": "Marketing",
        "company": None,
        "group": None,
        "days_ago": 31,
    },
    {
        "author": 13,
        "title": "The SQL question I couldn't answer, and what I should have said instead",
        "body": (
            "Technical screen for a junior full-stack role. Most of it went fine. Then "
            "the interviewer asked me to write a query to find customers who had ordered "
            "in three consecutive months.\n\n"
            "I don't write much SQL by hand; I mostly use an ORM. I tried to fake it, "
            "wrote something that wasn't close, and talked about it confidently. She "
            "asked a follow-up that made it clear I didn't understand window functions "
            "at all.\n\n"
            "In hindsight, the worst part wasn't not knowing. It was pretending. If I'd "
            "said, \"I'm rusty on this; here's how I'd approach it and here's what I'd "
            'look up," I think it would have gone better.\n\n'
            "I've since done about thirty SQL exercises and I actually enjoy them now. "
            'But the bigger lesson is **how to say "I don\'t know" well**: name what you '
            "do know, reason out loud, and be honest about the gap."
        ),
        "lessons": [
            {
                "category": "skills",
                "text": (
                    "Review the core skills listed in a job posting, even ones your current "
                    "tools hide from you, like raw SQL behind an ORM. Do a handful of practice "
                    "exercises before the technical round."
                ),
            },
            {
                "category": "answers",
                "text": (
                    "When you don't know something, say so clearly, then explain how you'd "
                    "approach it and what you'd look up. Honest reasoning lands far better than "
                    "confident guessing."
                ),
            },
        ],
        "stage": "technical",
        "industry": "Software",
        "company": None,
        "group": None,
        "days_ago": 17,
    },
    {
        "author": 14,
        "title": "So close on an informatics role, and I never asked the one thing that mattered",
        "body": (
            "This was my second attempt at moving from nursing into clinical "
            "informatics, and this time I made it to the final round. I'd done my data "
            "practice. The exercise went well. The panel was warm.\n\n"
            "Then they asked if I had questions, and I asked about the team structure "
            "and the training plan. Fine questions. But I never asked the thing I was "
            "actually worried about: whether the role would still involve clinical "
            "shifts, which the posting was vague about. I went home unsure whether I "
            "even wanted it.\n\n"
            "They offered it to someone else. Honestly, part of me was relieved, which "
            "told me something.\n\n"
            "Two lessons:\n\n"
            "- Ask the question you're **actually** worried about. It's your interview "
            "too.\n"
            "- Send a follow-up that adds something. I sent a generic thank-you, when I "
            "could have sent a short note on the workflow problem we'd discussed."
        ),
        "lessons": [
            {
                "category": "questions_asked",
                "text": (
                    "In the final round, ask the question you're genuinely unsure about, like "
                    "schedules, on-call duties or reporting lines. The interview is also your "
                    "chance to decide whether you want the job."
                ),
            },
            {
                "category": "follow_up",
                "text": (
                    "Make your thank-you note add something: a brief thought on a problem "
                    "discussed in the interview, or a resource you mentioned. It continues the "
                    "conversation instead of just closing it."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Healthcare",
        "company": "Bluebird Health",
        "group": None,
        "days_ago": 10,
    },
    {
        "author": 15,
        "title": '"Why are you leaving after eight months?" My answer made it worse.',
        "body": (
            "I've been at my current job for eight months. It isn't a good fit: the team "
            "has been reorganised twice and my role barely resembles what I was hired "
            "for. So I started looking.\n\n"
            "The hiring manager asked the obvious question, and I got nervous and "
            "over-explained. I went through both reorganisations, the manager changes "
            "and the project that got paused. I think I was trying to prove it wasn't my "
            'fault. It came out as "this person leaves when things get messy".\n\n'
            "Rejected. No feedback, but I don't really need any.\n\n"
            "The honest answer is short: the role changed after two reorganisations, and "
            "I'm looking for the kind of work I was originally hired to do, which is "
            "exactly what this job is. Two sentences. Then move on.\n\n"
            "A short tenure needs a short answer. **The longer the explanation, the "
            "bigger the problem sounds.**"
        ),
        "lessons": [
            {
                "category": "answers",
                "text": (
                    "Answer questions about a short tenure in two sentences: what changed, and "
                    "why the new role fits what you're looking for. Long explanations make the "
                    "issue sound bigger."
                ),
            },
            {
                "category": "first_impression",
                "text": (
                    "Notice when you start defending yourself in an answer. Defensive detail "
                    "leaves a stronger impression than the facts themselves, so keep it brief "
                    "and forward-looking."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Software",
        "company": "Lumen Cart",
        "group": None,
        "days_ago": 23,
    },
    {
        "author": 16,
        "title": "Two years out after a layoff, and the new systems caught me off guard",
        "body": (
            "I was laid off from a visual merchandising lead role when my company closed "
            "half its stores. I took some time, dealt with a move, helped my brother "
            "with his business, and then started looking again.\n\n"
            "The onsite for an assistant store manager role went well until they walked "
            "me through their staff scheduling and inventory software. It was nothing "
            "like what I'd used before. I tried to nod along. Then they asked how I'd "
            "use the inventory dashboard to plan a promotion, and I didn't know where to "
            "begin.\n\n"
            "I don't think I was rejected for not knowing their software. I think I was "
            "rejected because I looked lost and didn't ask.\n\n"
            "Since then I've signed up for free trials of two popular retail systems, "
            "and I watch the vendors' training videos. Next time I'll say, \"I haven't "
            "used this one, but here's how I used the last one, and here's what I'd want "
            'to learn first."'
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "If you've been out of work for a while, find out which tools the industry "
                    "uses now and get hands-on with at least one, through free trials, training "
                    "videos or volunteering."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "When you're shown unfamiliar tools, say what you've used before and what "
                    "you'd want to learn first. Curiosity reads much better than nodding along."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Retail",
        "company": None,
        "group": None,
        "days_ago": 36,
    },
    {
        "author": 17,
        "title": "My portfolio site was gorgeous, and nobody could open it",
        "body": (
            "I spent three weekends building a custom portfolio site: animations, a "
            "scroll-triggered case study layout, the works. I was proud of it.\n\n"
            "Then a recruiter friend tried to open it on her work laptop, and it took "
            "forty seconds to load. On her phone, the case studies didn't render at all. "
            "She told me most recruiters spend under a minute on a portfolio, and many "
            "look at them on their phones between meetings.\n\n"
            "That explained a lot of silence from the last month of applications.\n\n"
            "I've now got:\n\n"
            "- A **lightweight PDF** of my three best case studies.\n"
            "- A simpler site that loads fast and works on a phone.\n"
            "- Each case study opening with a one-paragraph summary: the problem, my "
            "role, the outcome.\n\n"
            "The fancy site is still there, as a side project. It's just not the front "
            "door anymore."
        ),
        "lessons": [
            {
                "category": "materials",
                "text": (
                    "Test your portfolio on a phone and a slow connection before sending it. "
                    "Have a light PDF version ready, and open each case study with a "
                    "one-paragraph summary of the problem, your role and the outcome."
                ),
            },
            {
                "category": "other",
                "text": (
                    "Ask someone outside your field to open your materials cold and tell you "
                    "what they notice in the first minute. That first minute is often all a "
                    "recruiter gives it."
                ),
            },
        ],
        "stage": "application",
        "industry": "Design",
        "company": None,
        "group": None,
        "days_ago": 6,
    },
    {
        "author": 18,
        "title": "New grad at my first onsite: so polite I forgot to seem interested",
        "body": (
            "My first onsite ever, for a family engagement coordinator role at a school "
            "district. Three interviews and a short presentation about how I'd increase "
            "parent attendance at school events.\n\n"
            "I was so focused on being professional that I went stiff. Formal answers, "
            'no smiling, lots of "thank you for the question". In my presentation I read '
            "off the slides. I wanted to seem serious. I probably seemed bored.\n\n"
            "The feedback from the coordinator was kind: they liked my ideas but weren't "
            "sure I'd connect with families. Which is... the whole job.\n\n"
            "I'm naturally warm with people. I just switched it off because I thought "
            "interviews required that. What I'm practising now:\n\n"
            "- Telling one story about a family I worked with during my student "
            "placement, with real feeling.\n"
            "- **Smiling on purpose** during my opening answer.\n"
            "- Presenting from notes, not slides.\n\n"
            "Professional doesn't have to mean flat."
        ),
        "lessons": [
            {
                "category": "enthusiasm",
                "text": (
                    "If the role is about working with people, let your warmth show. Tell a real "
                    "story about someone you helped, with the details that made it matter to you."
                ),
            },
            {
                "category": "preparation",
                "text": (
                    "Rehearse your presentation from brief notes rather than reading slides, so "
                    "you can look at the panel and react to them."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Education",
        "company": "Cedarline Schools",
        "group": 2,
        "days_ago": 15,
    },
    {
        "author": 19,
        "title": "I asked about salary and holidays, and nothing else",
        "body": (
            "Hiring manager interview for a program coordinator role at a housing "
            "nonprofit. It went well. I had good examples, and we laughed a couple of "
            "times.\n\n"
            "At the end she asked what questions I had. I asked about salary, remote "
            "days and holiday allowance. All reasonable things to want to know! But they "
            "were the only things I asked, and she moved on quickly.\n\n"
            "I heard later, through a mutual contact, that she came away thinking I was "
            "more interested in the terms than the work. I wasn't. I was nervous about "
            "money after years out of work, and that came out first.\n\n"
            "Now I keep the practical questions for the recruiter, who usually expects "
            "them, and save the hiring manager conversation for the work itself: what's "
            "going well, what's stuck, and what the people they serve need most.\n\n"
            "Same curiosity. Better order."
        ),
        "lessons": [
            {
                "category": "questions_asked",
                "text": (
                    "Ask hiring managers about the work: what's going well, what's stuck and "
                    "what they need most from this hire. Save salary and benefits questions for "
                    "the recruiter."
                ),
            },
            {
                "category": "enthusiasm",
                "text": (
                    "Show that you care about the people the organisation serves by asking about "
                    "them specifically. It signals that the mission matters to you, not just the "
                    "job."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Nonprofit",
        "company": "Open Door Collective",
        "group": None,
        "days_ago": 29,
    },
    {
        "author": 20,
        "title": "Ten years in restaurant kitchens, trying to get into food quality control",
        "body": (
            "I've been a line cook and then a kitchen manager for ten years. I know food "
            "safety in my bones. I'm trying to move into quality control at food "
            "production plants, because I want regular hours and I'm good at systems.\n\n"
            "The technical interview was a written test on food safety standards plus a "
            "few statistics questions about sampling. I breezed through the food safety "
            "part. I barely got through the statistics. I hadn't done anything like that "
            "since school.\n\n"
            "The no came two days ago. Honestly, I'm a bit gutted, but the gap is clear "
            "and it's fixable.\n\n"
            "My plan:\n\n"
            "- A free introductory statistics course, a bit every evening.\n"
            "- Learning the **quality standards used in manufacturing**, not just "
            "restaurant health codes.\n"
            "- Reaching out to someone in this group who's made a similar switch.\n\n"
            "Ten years isn't nothing. I'm not starting from zero. I'm starting from "
            "somewhere."
        ),
        "lessons": [
            {
                "category": "skills",
                "text": (
                    "Identify the one technical gap between your experience and the new role, "
                    "like basic statistics for quality control, and close it with a steady daily "
                    "routine."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "Name what transfers from your old career and what genuinely doesn't. A "
                    "clear, fixable gap is easier to act on than a vague feeling of not being "
                    "enough."
                ),
            },
        ],
        "stage": "technical",
        "industry": "Manufacturing",
        "company": "Ironwood Foods",
        "group": 1,
        "days_ago": 2,
    },
    {
        "author": 21,
        "title": "My offer was withdrawn two weeks before my return date",
        "body": (
            "I wanted to share this here because it's not quite a rejection, and I don't "
            "know where else to put it.\n\n"
            "After eighteen months at home with my twins, I accepted an offer as a "
            "senior financial analyst. Signed, start date set. Two weeks before I was "
            "due to begin, the company froze hiring and withdrew the offer.\n\n"
            "I had already arranged childcare. I had bought work clothes. I had told "
            "everyone.\n\n"
            "It took me about a week to stop feeling ashamed, which is absurd, because I "
            "did nothing wrong. What I've learned, practically:\n\n"
            "- **Keep other processes warm** until your first day, at least politely.\n"
            "- During the offer stage, ask how stable the team's budget is.\n"
            "- Get the offer terms in writing and read the conditions for withdrawal.\n\n"
            "And emotionally: this was a business decision made by people who had never "
            "met me. It isn't a judgement on whether I belong back at work. I do."
        ),
        "lessons": [
            {
                "category": "other",
                "text": (
                    "Until your first day, keep at least one other opportunity warm with a "
                    "polite update. Offers can be withdrawn, and it's much easier to restart a "
                    "paused conversation than a closed one."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "Separate business decisions from your worth. A hiring freeze or withdrawn "
                    "offer says something about the company's budget, not about whether you "
                    "belong back at work."
                ),
            },
        ],
        "stage": "other",
        "industry": "Finance",
        "company": None,
        "group": 4,
        "days_ago": 12,
    },
    {
        "author": 22,
        "title": "I waited three weeks for an answer I could have asked for",
        "body": (
            "Final round for a developer role at a logistics company. At the end, the "
            "recruiter said they'd \"be in touch soon\". I didn't ask what soon meant.\n\n"
            "So I waited. One week. Two weeks. I didn't want to seem pushy, so I didn't "
            "email. I even turned down a second-round interview elsewhere, because I was "
            "sure this one was coming.\n\n"
            "Three weeks later, a rejection. They'd decided in the first week; the email "
            "had just sat in someone's drafts.\n\n"
            "What I learned is so simple it's embarrassing:\n\n"
            '1. At the end of every round, ask **"What are the next steps, and when '
            'should I expect to hear?"**\n'
            "2. If that date passes, send one short, friendly check-in.\n"
            "3. Never pause other opportunities for a maybe.\n\n"
            "I lost a real chance elsewhere because I was being polite to a process that "
            "had already moved on."
        ),
        "lessons": [
            {
                "category": "follow_up",
                "text": (
                    "At the end of every interview, ask what the next steps are and when you "
                    "should expect to hear. If that date passes, send one short, friendly "
                    "check-in email."
                ),
            },
            {
                "category": "first_impression",
                "text": (
                    "Ending an interview by confirming next steps leaves the impression of "
                    "someone organised and engaged. It's a normal professional question, not a "
                    "pushy one."
                ),
            },
        ],
        "stage": "final_round",
        "industry": "Software",
        "company": None,
        "group": None,
        "days_ago": 37,
    },
    {
        "author": 23,
        "title": "I took the call from a noisy café and the recruiter could barely hear me",
        "body": (
            "Phone screen for a social media coordinator role. I thought it would be a "
            "quick chat, so I took it from the café near my flat with my earbuds in.\n\n"
            "Within a minute, the coffee grinder started. Then a group sat down next to "
            "me and someone's birthday happened. The recruiter asked me to repeat myself "
            "three times. I ended up cupping my hand over the microphone and "
            "half-whispering answers about brand voice.\n\n"
            "The rejection came two days later. Maybe it wasn't the café. But I know I "
            "didn't sound like someone who took the role seriously, and I definitely "
            "didn't sound confident.\n\n"
            "**A quick call is still an interview.** Quiet room, charged phone, notes in "
            "front of me, a glass of water. Every time. It's a small thing, but a first "
            "impression on a phone call is mostly sound."
        ),
        "lessons": [
            {
                "category": "first_impression",
                "text": (
                    "Take every call, even a quick recruiter screen, from a quiet place with a "
                    "charged phone and your notes in front of you. On a call, your first "
                    "impression is mostly how you sound."
                ),
            },
            {
                "category": "questions_asked",
                "text": (
                    "Prepare two questions for the recruiter about the role and the process, "
                    "like what the team is working on or what the next steps are. It shows you "
                    "take even a short call seriously."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Marketing",
        "company": None,
        "group": None,
        "days_ago": 4,
    },
    {
        "author": 0,
        "title": "A rejection email with real feedback, and what I did with it",
        "body": (
            "Quick one. This morning I got a rejection for an analytics engineer role I "
            "interviewed for last month. But instead of the usual template, the hiring "
            "manager wrote three specific sentences: my technical skills were strong, my "
            "examples were too long, and she would have liked to hear more about how I "
            "decided what to build.\n\n"
            "I sat with it for an hour, and then I did three things:\n\n"
            "- I replied to thank her. Short and sincere.\n"
            "- I timed myself telling my two main project stories. Four and six minutes. "
            "Far too long.\n"
            "- I rewrote them to ninety seconds each, ending with the decision I made "
            "and why.\n\n"
            "Specific feedback is rare. I don't want to waste it by just feeling bad. I "
            "felt bad for the hour. Then I got to work.\n\n"
            "If you get feedback like this, please share it here. It helps more than you "
            "think."
        ),
        "lessons": [
            {
                "category": "follow_up",
                "text": (
                    "When you receive specific feedback after a rejection, thank the person "
                    "briefly and sincerely. It leaves a good impression and keeps the door open "
                    "for future roles."
                ),
            },
            {
                "category": "other",
                "text": (
                    "Turn feedback into one concrete exercise right away, like timing your "
                    "stories and cutting them to ninety seconds. Acting on it quickly stops it "
                    "from turning into rumination."
                ),
            },
        ],
        "stage": "other",
        "industry": "Software",
        "company": None,
        "group": None,
        "days_ago": 0,
    },
    {
        "author": 6,
        "title": "I called the hiring manager by the wrong name for the entire interview",
        "body": (
            'I\'d like to file this one under "funny now".\n\n'
            "The hiring manager's name was Joanne. The recruiter's name was Joanna. I "
            "had them mixed up in my notes. For forty-five minutes I cheerfully called "
            "the hiring manager Joanna. She never corrected me. At the very end she "
            'said, "It\'s Joanne, by the way," with a little smile, and I wanted to '
            "evaporate.\n\n"
            "I laughed, apologised once, and said, \"Well, now you'll definitely remember "
            "me.\" She laughed too. I didn't get the job, but I genuinely don't think "
            "that was why; the other candidate had agency experience I don't.\n\n"
            "Still. Lessons:\n\n"
            "- Write every interviewer's name at the top of my notes, **spelled out**, "
            "and double-check it against the calendar invite.\n"
            "- If you make a silly mistake, a little humour and one apology go a long "
            "way.\n"
            "- Move on. It's one conversation, not a verdict on my whole personality."
        ),
        "lessons": [
            {
                "category": "first_impression",
                "text": (
                    "Write each interviewer's name and role at the top of your notes and check "
                    "them against the calendar invite just before the call. Names matter to "
                    "first impressions."
                ),
            },
            {
                "category": "mindset",
                "text": (
                    "If you make a small mistake, acknowledge it once with a bit of humour and "
                    "move on. Recovering gracefully is a strength interviewers notice."
                ),
            },
        ],
        "stage": "hiring_manager",
        "industry": "Marketing",
        "company": "Pinecrest Media",
        "group": None,
        "days_ago": 25,
    },
    {
        "author": 8,
        "title": "I showed up to the call an hour late because of time zones",
        "body": (
            "Recruiter screen for a remote backend role. The invite said ten o'clock. I "
            "assumed that meant my time. It was their time, one zone away. I logged on "
            "at ten my time, exactly an hour after the call had started and ended "
            "without me.\n\n"
            "I emailed immediately to apologise. The recruiter was understanding and "
            "rescheduled, but the second call felt like a formality. I got a polite no a "
            "few days later.\n\n"
            "Maybe it didn't matter. But you only get one first chance at reliability in "
            "a hiring process, and I spent mine before saying hello.\n\n"
            "What I do now:\n\n"
            "- Confirm every interview time **in writing, with the time zone** spelled "
            "out.\n"
            "- Add the event to my calendar from the invite itself, not by retyping it.\n"
            "- Set two reminders: the day before and an hour before.\n\n"
            "Boring habits. Very effective."
        ),
        "lessons": [
            {
                "category": "preparation",
                "text": (
                    "When an interview is scheduled, confirm the time in writing with the time "
                    "zone spelled out, and add it to your calendar directly from the invite "
                    "rather than retyping it."
                ),
            },
            {
                "category": "follow_up",
                "text": (
                    "If you miss or mix up a call, email right away with a brief apology and a "
                    "few times you're available. A fast, calm response limits the damage."
                ),
            },
        ],
        "stage": "recruiter_screen",
        "industry": "Software",
        "company": None,
        "group": None,
        "days_ago": 39,
    },
    {
        "author": 15,
        "title": "I knew nothing about what the company actually makes",
        "body": (
            "Onsite for a software engineer role at an industrial components "
            "manufacturer. I prepared hard for the coding parts and did nothing to "
            "understand the business. I figured software is software.\n\n"
            "Then the engineering manager asked what I thought the biggest software "
            "challenge was for a company like theirs. I said something vague about "
            "scalability. She gently explained that their real challenge is connecting "
            "decades-old factory equipment to modern systems, and asked whether that "
            "kind of work excited me.\n\n"
            "I said yes. I don't think it sounded like yes.\n\n"
            "The feedback: technically solid, but \"didn't seem interested in our "
            "domain\". That's fair. I wasn't, yet.\n\n"
            "Now, before any onsite, I spend an evening learning how the company makes "
            "money and what its products are. For this one, I'd have discovered that "
            "factory software is genuinely fascinating. I just found out a week too late."
        ),
        "lessons": [
            {
                "category": "enthusiasm",
                "text": (
                    "Spend an evening before any onsite learning what the company makes, who "
                    "buys it and how it makes money. Interest in the domain is hard to fake on "
                    "the spot."
                ),
            },
            {
                "category": "questions_asked",
                "text": (
                    "Ask the engineering team about the specific challenges of their industry, "
                    "like legacy equipment or regulation. It shows you want to solve their "
                    "problems, not just any problems."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Manufacturing",
        "company": "Kestrel Components",
        "group": None,
        "days_ago": 5,
    },
    {
        "author": 4,
        "title": "The interviewer asked where my accent was from, and the room changed",
        "body": (
            "Panel interview for a project coordinator role. It was going well until one "
            "of the panel asked, smiling, where my accent was from, and then whether "
            'clients would "understand me on the phone". The other two looked at the '
            "table. I answered politely and lost my thread for the next two questions.\n\n"
            'The rejection said they wanted "a stronger communicator". I have run '
            "client calls for six years.\n\n"
            "I wrote to the HR contact afterwards, calmly, describing the question and "
            "asking how their process guards against it. She thanked me and said it "
            "would be raised. Whatever happens, writing it down helped me stop carrying it "
            "as my failure."
        ),
        "lessons": [
            {
                "category": "mindset",
                "text": (
                    "A question about where you are from is about the asker, not your "
                    "ability. Have one calm sentence ready that steers back to the work, so "
                    "it cannot take the next ten minutes from you."
                ),
            },
            {
                "category": "follow_up",
                "text": (
                    "If a question crossed a line, a short factual note to HR after the "
                    "interview is fair and useful. Keep it to what was said and ask how "
                    "they will handle it."
                ),
            },
        ],
        "stage": "onsite",
        "industry": "Consulting",
        "content_notes": ["discrimination"],
        "group": None,
        "days_ago": 3,
    },
]


REPLIES: list[dict] = [
    {
        "story": 0,
        "author": 21,
        "body": (
            "Internal candidates are the hardest kind of no, because there was nothing "
            "left for you to do better. The fact that you're applying again on Monday "
            "says a lot."
        ),
    },
    {
        "story": 0,
        "author": 11,
        "body": (
            "Asking about internal candidates early is such a good tip. I'm adding it to "
            "my recruiter-call checklist."
        ),
    },
    {
        "story": 0,
        "author": 13,
        "body": (
            "Six weeks and five rounds is a huge effort, and it clearly sharpened you. "
            "That carries into the next process."
        ),
    },
    {
        "story": 1,
        "author": 21,
        "body": (
            "Anchoring only works when the anchor is grounded. For finance roles I check "
            "two salary surveys plus what recruiters quote for the level, and then the "
            "number feels like a fact, not a guess."
        ),
    },
    {
        "story": 1,
        "author": 5,
        "body": (
            "That pause after the number is burned into my memory from my own calls too. "
            "Practising the sentence out loud is a great idea."
        ),
    },
    {
        "story": 2,
        "author": 14,
        "body": (
            'The "we" versus "I" thing hit me hard. Nurses are trained to say "we" for '
            "everything, so I'm going through my stories tonight."
        ),
    },
    {
        "story": 2,
        "author": 19,
        "body": (
            "Sharing credit is a good value; it just needs one sentence, not the whole "
            "answer. You led that rollout, so say it!"
        ),
    },
    {
        "story": 3,
        "author": 22,
        "body": (
            "The default first move is gold. Mine is writing the input and expected "
            "output for a tiny example; it unfreezes me almost every time."
        ),
    },
    {
        "story": 3,
        "author": 15,
        "body": (
            "I had the opposite problem: I knew the answer and went silent. Practising "
            "out loud with a friend helped me more than fifty more problems would have."
        ),
    },
    {
        "story": 3,
        "author": 8,
        "body": (
            "Blanking on something you've done a dozen times is so common under "
            'pressure. Saying "I\'m blanking" honestly was actually a good move.'
        ),
    },
    {
        "story": 3,
        "author": 13,
        "body": (
            "Booking mock interviews with friends takes courage. Good luck with all "
            "three, and let us know how they go."
        ),
    },
    {
        "story": 4,
        "author": 23,
        "body": (
            "Eleven minutes is impressive in the worst way. Thanks for the plain-resume "
            "tip; I'm making one this weekend."
        ),
    },
    {
        "story": 4,
        "author": 17,
        "body": (
            "Designer here too: keep the pretty one for the portfolio and the plain one "
            "for the filters. It made a real difference to my response rate."
        ),
    },
    {
        "story": 5,
        "author": 7,
        "body": (
            '"Seemed like a great teacher" is such a kind way to say no, and it still '
            "stings. Your translation list is exactly what I needed for my own move out "
            "of retail."
        ),
    },
    {
        "story": 5,
        "author": 20,
        "body": (
            "Running a chemistry lab safely with thirty teenagers is absolutely "
            "operations experience. You've got this."
        ),
    },
    {
        "story": 5,
        "author": 14,
        "body": (
            "I keep a two-column list like yours for nursing versus informatics. It "
            "feels silly at first, and then it becomes second nature."
        ),
    },
    {
        "story": 6,
        "author": 0,
        "body": (
            "The template name swap is my nightmare. Writing the notes during the day "
            "while it's all fresh is smart; I'm borrowing that."
        ),
    },
    {
        "story": 6,
        "author": 23,
        "body": "Your correction was the right call. Handling it calmly probably came across well.",
    },
    {
        "story": 7,
        "author": 16,
        "body": (
            "I never thought to ask my references whether they'd give a strong "
            "reference. Such a simple question, and I've never asked it."
        ),
    },
    {
        "story": 7,
        "author": 12,
        "body": (
            "Thank you for sharing this. Briefing references on the role is something "
            "I'll do every time from now on."
        ),
    },
    {
        "story": 8,
        "author": 3,
        "body": (
            '"I built a spaceship for forty people" made me laugh out loud. The '
            "five-minutes-of-questions rule is going on a sticky note."
        ),
    },
    {
        "story": 8,
        "author": 22,
        "body": (
            "Been there. Interviewers almost always want to see you start simple and scale up when asked."
        ),
    },
    {
        "story": 9,
        "author": 19,
        "body": (
            "Saying it wrong twice out of nerves is so human. And you're right: the real "
            'miss was the "why us" answer, and the name was just the symptom.'
        ),
    },
    {
        "story": 9,
        "author": 6,
        "body": (
            "I now look up pronunciation for everyone I'm about to meet. Thanks for the "
            "laugh and the reminder."
        ),
    },
    {
        "story": 10,
        "author": 18,
        "body": (
            "Adapting on the spot with students you've never met is genuinely hard, and "
            "the principal noticed. Printed backups are such a good habit."
        ),
    },
    {
        "story": 11,
        "author": 0,
        "body": (
            "That third question, about what would make them say the hire was a mistake, "
            "is brilliant. Adding it to my list."
        ),
    },
    {
        "story": 11,
        "author": 9,
        "body": (
            "I grew up with the same instinct about not questioning senior people. "
            "Thinking of questions as respect for their work really helps."
        ),
    },
    {
        "story": 12,
        "author": 10,
        "body": (
            "I did exactly the same thing about my gap and I still cringe about it. "
            "Everything you did while caring for your dad is real experience. Thank you "
            "for writing this."
        ),
    },
    {
        "story": 12,
        "author": 19,
        "body": "I'm so sorry about your father. Two sentences, no apology: I'm practising that too.",
    },
    {
        "story": 13,
        "author": 22,
        "body": (
            "The problem-and-result line is the best resume advice there is. Four "
            "callbacks out of fifteen is a huge jump."
        ),
    },
    {
        "story": 13,
        "author": 15,
        "body": (
            "\"I can't tell what you built\" is such useful feedback. I'm going to ask a "
            "friend for the ninety-second test."
        ),
    },
    {
        "story": 14,
        "author": 2,
        "body": (
            "Leading with the project instead of the certificate is exactly right. Your "
            "clinical knowledge is rare; the data side is the learnable part."
        ),
    },
    {
        "story": 15,
        "author": 3,
        "body": (
            '"I was being a wall" is such an honest line. Treating hints as a '
            "conversation is something I need to work on too."
        ),
    },
    {
        "story": 15,
        "author": 13,
        "body": "This helped me a lot. I always assumed a correct answer was enough.",
    },
    {
        "story": 16,
        "author": 4,
        "body": (
            "Testing the link the day before is such a simple fix, and I've never done "
            "it. Sorry the update ambushed you."
        ),
    },
    {
        "story": 16,
        "author": 9,
        "body": (
            "Mandatory updates five minutes before an interview are a special kind of "
            "cruelty. Your checklist is going on my wall."
        ),
    },
    {
        "story": 17,
        "author": 4,
        "body": (
            "One case study in depth, with room for questions: my mentor told me the "
            "same thing. Thanks for the timer tip."
        ),
    },
    {
        "story": 18,
        "author": 23,
        "body": (
            '"Bullet points, not paragraphs" is going on a sticky note. And please do '
            "talk about the thesis; the way you describe it here is lovely."
        ),
    },
    {
        "story": 19,
        "author": 12,
        "body": (
            "It takes a lot to go back to that Saturday shift. Treating familiar places "
            "like strangers is such a good lesson."
        ),
    },
    {
        "story": 19,
        "author": 21,
        "body": (
            "Thank you for sharing the conversation with the director. It's brave to ask "
            "people you know for that kind of feedback."
        ),
    },
    {
        "story": 20,
        "author": 7,
        "body": (
            '"Everything on an interview day is the interview" applies in retail too. We '
            "always noticed how candidates treated the floor staff."
        ),
    },
    {
        "story": 21,
        "author": 1,
        "body": (
            "Recommendation first is something I need to hear again and again. Thanks "
            "for spelling it out so clearly."
        ),
    },
    {
        "story": 21,
        "author": 11,
        "body": "The one-page summary afterwards is such a smart move. I'll try it for my next case round.",
    },
    {
        "story": 22,
        "author": 15,
        "body": (
            'Doing less on purpose really is a skill. The "what I\'d do with more time" '
            "section is a lifesaver."
        ),
    },
    {
        "story": 23,
        "author": 18,
        "body": (
            "Twenty extra minutes for a warmer reply sounds like a great trade. And that "
            "recruiter sounds lovely."
        ),
    },
    {
        "story": 24,
        "author": 6,
        "body": (
            "Talking about what you're moving toward instead of away from is such a good "
            "reframe. Same honesty, better direction."
        ),
    },
    {
        "story": 25,
        "author": 9,
        "body": (
            "Saving a copy of the posting has rescued me twice already. Sorry about the "
            "mix-up, though your recovery on the day sounds impressive."
        ),
    },
    {
        "story": 26,
        "author": 16,
        "body": (
            "Sting, dinner, lesson, next. I love this. Thank you for showing what "
            "getting steadier looks like."
        ),
    },
    {
        "story": 27,
        "author": 8,
        "body": (
            "Nervous and unexcited really do look alike from the other side of the "
            "table. Letting yourself be a fan is a great plan."
        ),
    },
    {
        "story": 28,
        "author": 17,
        "body": (
            "Critique in an interview is so hard when it's your own work. \"Pause, then "
            'curiosity" is a great rule.'
        ),
    },
    {
        "story": 31,
        "author": 20,
        "body": (
            "Putting numbers on your instincts is exactly the bridge you need. Nine "
            "years on the floor is a real advantage once it's in their language."
        ),
    },
    {
        "story": 33,
        "author": 19,
        "body": (
            "Board interviews are their own world. Reading the minutes is a brilliant "
            "tip that I wish I'd known last year."
        ),
    },
    {
        "story": 34,
        "author": 12,
        "body": "Your list is impressive, and so is practising with your sister. I'm writing mine tonight.",
    },
    {
        "story": 34,
        "author": 21,
        "body": (
            '"Are your skills current?" is such a loaded question. Your new answer is '
            "short, factual and true, which is perfect."
        ),
    },
    {
        "story": 35,
        "author": 1,
        "body": (
            "Timed practice every week is such practical advice. Behind on practice, not "
            "on ability: well said."
        ),
    },
    {
        "story": 37,
        "author": 3,
        "body": (
            'Saying "I don\'t know" well is probably the most underrated interview skill. Thanks for this.'
        ),
    },
    {
        "story": 38,
        "author": 2,
        "body": (
            "Feeling relieved when they chose someone else tells you a lot. Asking the "
            "real question next time will make the decision easier either way."
        ),
    },
    {
        "story": 39,
        "author": 0,
        "body": '"A short tenure needs a short answer" is exactly the advice I needed for my own situation.',
    },
    {
        "story": 41,
        "author": 4,
        "body": (
            "Testing on a phone is such a simple check, and I'd never thought of it. The "
            "PDF-plus-simple-site combination sounds perfect."
        ),
    },
    {
        "story": 44,
        "author": 5,
        "body": (
            "Ten years isn't nothing. I'd be happy to share what I used to learn "
            "statistics when I left teaching."
        ),
    },
    {
        "story": 45,
        "author": 12,
        "body": (
            "I'm so sorry. You did nothing wrong, and you absolutely belong back at "
            "work. Thank you for the practical tips too."
        ),
    },
    {
        "story": 45,
        "author": 10,
        "body": (
            "Keeping other processes warm until the first day: I'll remember that. Sending you strength."
        ),
    },
    {
        "story": 46,
        "author": 21,
        "body": (
            "Asking when to expect an answer is such a small question with big "
            "consequences. I'm sorry it cost you the other interview."
        ),
    },
    {
        "story": 48,
        "author": 15,
        "body": (
            "Cutting your stories to ninety seconds is a great exercise. Thank you for "
            "showing what to do with feedback."
        ),
    },
    {
        "story": 49,
        "author": 14,
        "body": '"Well, now you\'ll definitely remember me" is a perfect recovery. I laughed out loud.',
    },
    {
        "story": 51,
        "author": 20,
        "body": (
            "Learning how the company makes money before an onsite is such a good habit, "
            "and it applies to every industry."
        ),
    },
]

REACTIONS: list[tuple[int, int, str]] = [
    (0, 1, "helpful"),
    (0, 5, "helpful"),
    (0, 8, "helpful"),
    (0, 11, "helpful"),
    (0, 12, "helpful"),
    (0, 22, "helpful"),
    (0, 23, "me_too"),
    (1, 2, "helpful"),
    (1, 12, "me_too"),
    (1, 14, "helpful"),
    (2, 0, "helpful"),
    (2, 0, "me_too"),
    (2, 4, "helpful"),
    (2, 6, "helpful"),
    (2, 7, "helpful"),
    (2, 11, "helpful"),
    (3, 1, "helpful"),
    (3, 7, "helpful"),
    (3, 8, "helpful"),
    (3, 12, "helpful"),
    (3, 13, "helpful"),
    (3, 14, "helpful"),
    (3, 15, "helpful"),
    (3, 19, "me_too"),
    (3, 23, "helpful"),
    (4, 13, "me_too"),
    (5, 1, "strength"),
    (5, 14, "me_too"),
    (5, 22, "strength"),
    (6, 11, "helpful"),
    (6, 17, "me_too"),
    (6, 23, "helpful"),
    (7, 14, "me_too"),
    (7, 22, "helpful"),
    (8, 1, "helpful"),
    (8, 3, "helpful"),
    (8, 19, "me_too"),
    (9, 22, "helpful"),
    (9, 22, "me_too"),
    (10, 17, "me_too"),
    (11, 7, "me_too"),
    (12, 10, "strength"),
    (12, 19, "strength"),
    (12, 21, "me_too"),
    (12, 21, "strength"),
    (13, 0, "helpful"),
    (13, 2, "me_too"),
    (13, 4, "helpful"),
    (13, 8, "helpful"),
    (13, 15, "helpful"),
    (13, 20, "helpful"),
    (13, 22, "helpful"),
    (13, 23, "helpful"),
    (14, 15, "me_too"),
    (15, 2, "helpful"),
    (15, 5, "helpful"),
    (15, 5, "me_too"),
    (15, 7, "helpful"),
    (15, 9, "helpful"),
    (15, 13, "helpful"),
    (15, 16, "helpful"),
    (16, 18, "me_too"),
    (17, 22, "me_too"),
    (18, 3, "strength"),
    (18, 11, "helpful"),
    (18, 13, "helpful"),
    (19, 10, "helpful"),
    (19, 10, "me_too"),
    (19, 10, "strength"),
    (19, 12, "helpful"),
    (19, 12, "strength"),
    (20, 11, "me_too"),
    (21, 1, "helpful"),
    (21, 2, "helpful"),
    (21, 7, "strength"),
    (21, 8, "helpful"),
    (21, 9, "helpful"),
    (21, 9, "me_too"),
    (21, 13, "helpful"),
    (21, 15, "helpful"),
    (21, 19, "helpful"),
    (22, 2, "helpful"),
    (22, 9, "me_too"),
    (22, 16, "me_too"),
    (23, 11, "strength"),
    (23, 12, "me_too"),
    (24, 1, "me_too"),
    (24, 8, "strength"),
    (24, 15, "helpful"),
    (24, 22, "helpful"),
    (26, 8, "strength"),
    (26, 12, "me_too"),
    (26, 17, "strength"),
    (26, 20, "helpful"),
    (26, 23, "strength"),
    (27, 1, "me_too"),
    (27, 20, "helpful"),
    (28, 0, "me_too"),
    (28, 6, "helpful"),
    (28, 15, "helpful"),
    (28, 20, "me_too"),
    (29, 1, "me_too"),
    (29, 14, "me_too"),
    (30, 0, "helpful"),
    (30, 22, "me_too"),
    (30, 23, "helpful"),
    (31, 5, "helpful"),
    (31, 9, "me_too"),
    (32, 20, "helpful"),
    (34, 19, "strength"),
    (34, 21, "me_too"),
    (34, 21, "strength"),
    (35, 12, "me_too"),
    (36, 11, "strength"),
    (36, 19, "me_too"),
    (37, 0, "helpful"),
    (37, 10, "me_too"),
    (37, 16, "helpful"),
    (38, 21, "helpful"),
    (39, 9, "helpful"),
    (39, 9, "me_too"),
    (40, 11, "strength"),
    (40, 14, "me_too"),
    (40, 19, "strength"),
    (41, 0, "me_too"),
    (41, 21, "me_too"),
    (42, 0, "helpful"),
    (43, 22, "strength"),
    (44, 5, "strength"),
    (44, 8, "strength"),
    (44, 17, "strength"),
    (44, 19, "me_too"),
    (45, 10, "helpful"),
    (45, 10, "strength"),
    (45, 12, "strength"),
    (45, 19, "helpful"),
    (45, 19, "me_too"),
    (45, 19, "strength"),
    (46, 4, "helpful"),
    (46, 7, "helpful"),
    (46, 10, "helpful"),
    (46, 15, "helpful"),
    (46, 19, "helpful"),
    (46, 20, "me_too"),
    (47, 21, "me_too"),
    (48, 17, "strength"),
    (48, 23, "me_too"),
    (49, 2, "helpful"),
    (49, 16, "me_too"),
    (49, 16, "strength"),
    (50, 19, "me_too"),
    (51, 6, "me_too"),
    (51, 11, "helpful"),
]

MENTORS: list[dict] = [
    {
        "member": 21,
        "headline": "Senior financial analyst who has sat on both sides of the case interview",
        "bio": (
            "I've worked in corporate finance for twelve years and have interviewed "
            "dozens of analysts for my teams. I know the other side too: I've had an "
            "offer withdrawn and restarted my career after parental leave.\n\n"
            "I can help with:\n\n"
            "- **Case studies** and how to structure a recommendation\n"
            "- Calm answers about gaps and short tenures\n"
            "- Follow-up notes that actually add something"
        ),
        "expertise": ["answers", "follow_up", "preparation"],
        "industries": ["Finance"],
        "capacity": 3,
        "accepting": True,
        "days_ago": 9,
    },
    {
        "member": 2,
        "headline": 'Healthcare project lead who finally learned to say "I" in interviews',
        "bio": (
            "I coordinate clinical projects in a hospital and have spent the last year "
            "interviewing for program roles. I've had long onsites, kind rejections and "
            "one very useful piece of feedback that changed how I tell my stories.\n\n"
            "I'm happy to help you turn team successes into answers that show **your** "
            "part, and to talk through the hard weeks when the no's pile up."
        ),
        "expertise": ["mindset", "answers"],
        "industries": ["Healthcare", "Nonprofit"],
        "capacity": 2,
        "accepting": True,
        "days_ago": 45,
    },
    {
        "member": 22,
        "headline": "Backend developer, bootcamp graduate and reformed over-engineer of take-homes",
        "bio": (
            "I came into software through a bootcamp and learned most interview lessons "
            "the hard way. I now work as a backend developer and run mock interviews for "
            "friends most weekends.\n\n"
            "I can help with live coding practice, thinking out loud, scoping take-home "
            "assignments and the questions worth asking a technical panel. Bring a "
            "problem you froze on and we'll work through it together."
        ),
        "expertise": ["skills", "preparation", "questions_asked"],
        "industries": ["Software"],
        "capacity": 4,
        "accepting": True,
        "days_ago": 11,
    },
    {
        "member": 10,
        "headline": "Primary teacher heading back to the classroom; happy to help with demo lessons",
        "bio": (
            "I taught primary school for six years, stayed home with my children for "
            "seven, and I'm now working my way back in. I've run demo lessons in rooms "
            'without projectors and answered the "are your skills current?" question '
            "more times than I can count.\n\n"
            "I'd love to help new teachers and returners with demo lessons, first "
            "impressions and cover letters for schools."
        ),
        "expertise": ["first_impression", "enthusiasm", "materials"],
        "industries": ["Education"],
        "capacity": 2,
        "accepting": True,
        "days_ago": 30,
    },
    {
        "member": 7,
        "headline": "Retail manager moving into merchandising; resumes and references for career changers",
        "bio": (
            "Nine years running stores taught me a lot about people and very little "
            "about explaining myself on paper. I've since rebuilt my resume twice and "
            "learned to brief my references properly.\n\n"
            "I'm taking a break from new requests while I settle into a new role, but "
            "I'm still around in the Career changers group."
        ),
        "expertise": ["materials", "follow_up", "other"],
        "industries": ["Retail", "Manufacturing"],
        "capacity": 1,
        "accepting": False,
        "days_ago": 52,
    },
    {
        "member": 11,
        "headline": "Credit risk analyst; timed modelling tests and final-round questions",
        "bio": (
            "I work in credit risk and went through a long run of finance interviews "
            "before landing my current role. Timed spreadsheet tests used to beat me; "
            "now I practise them weekly and I'm glad to share the routine.\n\n"
            "I can also help you prepare **questions for final rounds**, especially if, "
            "like me, you grew up thinking it was rude to ask."
        ),
        "expertise": ["preparation", "skills", "questions_asked"],
        "industries": ["Finance"],
        "capacity": 3,
        "accepting": True,
        "days_ago": 8,
    },
    {
        "member": 19,
        "headline": "Nonprofit program coordinator; gentle support for hard comebacks",
        "bio": (
            "I stepped away from work for three years for health reasons and came back "
            "through volunteering, which had its own surprises. I now coordinate "
            "programs at a literacy nonprofit.\n\n"
            "If you're returning after a break, applying somewhere you already know, or "
            "just finding the rejections heavy, I'm glad to listen and help you plan the "
            "next step. No pressure, no judgement."
        ),
        "expertise": ["mindset", "other", "enthusiasm"],
        "industries": ["Nonprofit", "Education"],
        "capacity": 5,
        "accepting": True,
        "days_ago": 24,
    },
    {
        "member": 4,
        "headline": "Product designer; portfolios, critiques and getting past the resume filter",
        "bio": (
            "I graduated in interaction design and spent a humbling year learning how "
            "hiring filters and design critiques really work. These days I review "
            "portfolios for friends and design graduates.\n\n"
            "I can help you make a resume that survives automated screening, a portfolio "
            "that opens on a phone, and calm answers when someone questions your design "
            "choices."
        ),
        "expertise": ["materials", "answers"],
        "industries": ["Design", "Marketing"],
        "capacity": 2,
        "accepting": True,
        "days_ago": 60,
    },
]

MENTORSHIP_REQUESTS: list[dict] = [
    {
        "mentee": 1,
        "mentor": 0,
        "status": "accepted",
        "message": (
            "I keep stumbling over salary questions and case presentations in finance "
            "interviews. Would you be open to a couple of practice sessions?"
        ),
    },
    {
        "mentee": 18,
        "mentor": 3,
        "status": "pending",
        "message": (
            "I'm a new graduate applying for school-based roles and I go stiff in "
            "presentations. Could you help me practise a demo lesson?"
        ),
    },
    {
        "mentee": 23,
        "mentor": 7,
        "status": "accepted",
        "message": (
            "Could you look over my cover letter approach and portfolio for entry-level "
            "marketing roles? I'd really value a designer's eye."
        ),
    },
    {
        "mentee": 13,
        "mentor": 2,
        "status": "pending",
        "message": (
            "Self-taught developer here, working on technical screens. I'd love advice "
            "on SQL practice and on scoping take-home assignments."
        ),
    },
    {
        "mentee": 3,
        "mentor": 2,
        "status": "accepted",
        "message": (
            "I freeze in live coding rounds. Would you be up for a mock interview or two "
            "where I practise thinking out loud?"
        ),
    },
    {
        "mentee": 12,
        "mentor": 6,
        "status": "declined",
        "message": (
            "I'm returning to marketing after four years of caring for family, and I'd "
            "love help with how I talk about the gap."
        ),
    },
    {
        "mentee": 9,
        "mentor": 6,
        "status": "accepted",
        "message": (
            "I'm interviewing for nonprofit development roles and just had my first "
            "board interview. Could we talk about preparing for senior panels?"
        ),
    },
    {
        "mentee": 16,
        "mentor": 4,
        "status": "closed",
        "message": (
            "I'm returning to retail after two years out. Could you help me update my "
            "resume and work out which systems to learn?"
        ),
    },
    {
        "mentee": 5,
        "mentor": 5,
        "status": "declined",
        "message": (
            "I'm moving from teaching into operations and I struggle with timed "
            "practical tests. Would you have time for a few pointers?"
        ),
    },
    {
        "mentee": 14,
        "mentor": 1,
        "status": "closed",
        "message": (
            "Nurse moving into clinical informatics. I'd love to practise answering with "
            '"I" instead of "we" before my next final round.'
        ),
    },
    {
        "mentee": 20,
        "mentor": 6,
        "status": "pending",
        "message": (
            "Career changer from kitchens to food quality control. Some days the switch "
            "feels enormous, and I'd like someone to talk it through with."
        ),
    },
    {
        "mentee": 12,
        "mentor": 1,
        "status": "accepted",
        "message": (
            "I'm getting back into work after caring for my dad, and I'd love some help "
            "staying steady through the rejections."
        ),
    },
]
