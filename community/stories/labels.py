"""What pages, mails and forms call a story's stage, a lesson's category, a reaction and a content note:
the words shown for the values the models keep. Pure: no Flask, no database."""

from __future__ import annotations

from community.stories.models import CONTENT_NOTE_LABELS

STAGE_LABELS = {
    "application": "Application",
    "recruiter_screen": "Recruiter screen",
    "technical": "Technical interview",
    "hiring_manager": "Hiring manager",
    "onsite": "Onsite",
    "final_round": "Final round",
    "other": "Other",
}
CATEGORY_LABELS = {
    "preparation": "Preparation",
    "first_impression": "First impression",
    "answers": "Answers",
    "enthusiasm": "Enthusiasm",
    "questions_asked": "Questions asked",
    "materials": "Materials",
    "follow_up": "Follow-up",
    "skills": "Skills",
    "mindset": "Mindset",
    "other": "Other",
}
# The interview self-audit, one question per category.
CATEGORY_QUESTIONS = {
    "preparation": "Did I research the company and the role?",
    "first_impression": "Did I make a good first impression?",
    "answers": "Did I listen carefully and answer well?",
    "enthusiasm": "Did I show real enthusiasm for the job?",
    "questions_asked": "Did I ask informed questions?",
    "materials": "Did I bring the right documents and examples?",
    "follow_up": "Did I close well and follow up?",
    "skills": "Was there a skill I need to build?",
    "mindset": "How did I handle nerves, setbacks and myself?",
    "other": "Anything else I learned.",
}
REACTION_LABELS = {"me_too": "Me too", "helpful": "Helpful", "strength": "Sending strength"}

# Everything a story's page shows by name, as templates read it.
LABELS = {
    "stages": STAGE_LABELS,
    "categories": CATEGORY_LABELS,
    "questions": CATEGORY_QUESTIONS,
    "reactions": REACTION_LABELS,
    "notes": CONTENT_NOTE_LABELS,
}
