"""Every area of the product, wired by name: the one list `create_app` and the command line use.

Importing an area's models makes its tables and relationships known; its services and member-data modules
register what they add to shared machinery (sweeps, what a member's data export and erasure cover, checks of
display names); its pages blueprint and its API routes are registered by `create_app`; its commands by
`community.cli`. The list runs from the bottom up, in the order `.ci/import-graph` checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from community.accounts import api as accounts_api
from community.accounts import models as accounts_models
from community.accounts import services as accounts_services
from community.accounts import views as accounts_views
from community.digest import api as digest_api
from community.digest import cli as digest_cli
from community.digest import member_data as digest_member_data
from community.digest import models as digest_models
from community.digest import services as digest_services
from community.digest import views as digest_views
from community.groups import api as groups_api
from community.groups import member_data as groups_member_data
from community.groups import models as groups_models
from community.groups import services as groups_services
from community.groups import views as groups_views
from community.mentorship import api as mentorship_api
from community.mentorship import member_data as mentorship_member_data
from community.mentorship import models as mentorship_models
from community.mentorship import services as mentorship_services
from community.mentorship import views as mentorship_views
from community.moderation import api as moderation_api
from community.moderation import cli as moderation_cli
from community.moderation import keyword_rules as moderation_keyword_rules
from community.moderation import models as moderation_models
from community.moderation import services as moderation_services
from community.moderation import views as moderation_views
from community.notifications import api as notifications_api
from community.notifications import models as notifications_models
from community.notifications import services as notifications_services
from community.notifications import views as notifications_views
from community.review import items as review_items
from community.review import models as review_models
from community.review import urgent as review_urgent
from community.search import api as search_api
from community.search import models as search_models
from community.search import services as search_services
from community.search import views as search_views
from community.stories import api as stories_api
from community.stories import member_data as stories_member_data
from community.stories import models as stories_models
from community.stories import services as stories_services
from community.stories import views as stories_views
from community.toolkit import api as toolkit_api
from community.toolkit import cli as toolkit_cli
from community.toolkit import models as toolkit_models
from community.toolkit import services as toolkit_services
from community.toolkit import views as toolkit_views


@dataclass(frozen=True)
class Area:
    name: str
    models: ModuleType
    services: tuple[ModuleType, ...]  # the modules that register something as they are imported
    views: ModuleType | None = None
    api: ModuleType | None = None
    member_data: ModuleType | None = None
    cli: ModuleType | None = None


AREAS = (
    Area("accounts", accounts_models, (accounts_services,), accounts_views, accounts_api),
    Area(
        "notifications",
        notifications_models,
        (notifications_services,),
        notifications_views,
        notifications_api,
    ),
    Area("review", review_models, (review_items, review_urgent)),
    Area("stories", stories_models, (stories_services,), stories_views, stories_api, stories_member_data),
    Area(
        "moderation",
        moderation_models,
        (moderation_services, moderation_keyword_rules),
        moderation_views,
        moderation_api,
        cli=moderation_cli,
    ),
    Area("search", search_models, (search_services,), search_views, search_api),
    Area("groups", groups_models, (groups_services,), groups_views, groups_api, groups_member_data),
    Area(
        "mentorship",
        mentorship_models,
        (mentorship_services,),
        mentorship_views,
        mentorship_api,
        mentorship_member_data,
    ),
    Area(
        "digest", digest_models, (digest_services,), digest_views, digest_api, digest_member_data, digest_cli
    ),
    Area("toolkit", toolkit_models, (toolkit_services,), toolkit_views, toolkit_api, cli=toolkit_cli),
)
