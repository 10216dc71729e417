"""Word lists for the synthetic ops repository built by ``generate.py``.

Kept apart from the generator so the generator reads as logic, not as prose. Every list is a
tuple (ordered, immutable): the generator draws from them with one seeded ``random.Random``,
so the order here is part of what makes the output reproducible. Editing a list changes the
generated repository, which is fine, but then benchmark figures taken before and after the edit
are no longer comparable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProcessTemplate:
    """One kind of recurring work: the seed of many generated processes."""

    slug: str
    title: str
    trigger: str
    outcome: str


@dataclass(frozen=True)
class Area:
    """A business area: its folder name, owning team and the nouns its SOPs talk about.

    Each tool comes with the accounts that sign in to it, and ``reviewers`` are the roles
    that review or approve the area's work, always asked in ``channel``."""

    name: str
    team: str
    tool_accounts: tuple[tuple[str, tuple[str, ...]], ...]
    reviewers: tuple[str, ...]
    formats: tuple[str, ...]
    tones: tuple[str, ...]
    objects: tuple[str, ...]
    processes: tuple[ProcessTemplate, ...]
    channel: str

    @property
    def tools(self) -> tuple[str, ...]:
        return tuple(tool for tool, _ in self.tool_accounts)

    @property
    def accounts(self) -> tuple[str, ...]:
        return tuple(account for _, accounts in self.tool_accounts for account in accounts)

    def accounts_of(self, tool: str) -> tuple[str, ...]:
        """The accounts of one of the area's tools (a sign-in belongs to the tool it opens)."""
        return next((accounts for name, accounts in self.tool_accounts if name == tool), ())


AREAS: tuple[Area, ...] = (
    Area(
        name="social",
        team="@social-team",
        tool_accounts=(
            ("Buffer", ("Shared Buffer workspace, social seat", "Buffer organisation Acme, publisher role")),
            ("Hootsuite", ("Hootsuite team Acme Social, editor role",)),
            ("Canva", ("Canva team Acme Brand, designer seat",)),
            ("Later", ("Later account for Instagram @acme.studio",)),
            ("Sprout Social", ("Sprout Social profile group Acme, publisher role",)),
        ),
        reviewers=("the social lead", "the brand editor"),
        formats=(
            "Image 1200x675 PNG; caption at most 280 characters; 3 hashtags",
            "Square image 1080x1080 JPG; caption under 150 words",
            "Vertical video 1080x1920 MP4, 15 to 60 seconds, burned-in captions",
            "Carousel of 5 to 8 slides, 1080x1350 PNG",
            "Plain text post, at most 3 short paragraphs and one link",
        ),
        tones=(
            "Upbeat and conversational",
            "Friendly, light humour, no jargon",
            "Confident and concise",
            "Warm and encouraging",
        ),
        objects=(
            "social post copy",
            "post media",
            "hashtag list",
            "campaign calendar",
            "community replies",
            "social analytics report",
            "influencer brief",
            "link preview",
            "story highlights",
            "content backlog",
        ),
        processes=(
            ProcessTemplate(
                "promote-new-video",
                "Promote a new video on social media",
                "A new video is published on the channel",
                "A published social media post promotes the video",
            ),
            ProcessTemplate(
                "run-weekly-social-calendar",
                "Run the weekly social calendar",
                "Monday planning meeting starts",
                "Every post for the week is scheduled",
            ),
            ProcessTemplate(
                "respond-to-mentions",
                "Respond to brand mentions",
                "A mention or direct message arrives",
                "Every mention has a reply or is escalated within one day",
            ),
            ProcessTemplate(
                "launch-social-campaign",
                "Launch a social campaign",
                "Marketing approves a campaign brief",
                "The campaign is live on every planned channel",
            ),
            ProcessTemplate(
                "report-social-metrics",
                "Report monthly social metrics",
                "The first working day of the month",
                "The metrics report is shared with the leadership team",
            ),
        ),
        channel="#social",
    ),
    Area(
        name="finance",
        team="@finance-team",
        tool_accounts=(
            ("Xero", ("Finance shared login via the password manager entry 'Xero admin'", "Xero organisation Acme Ltd, adviser role")),
            ("QuickBooks Online", ("QuickBooks Online company Acme Ltd, accountant user",)),
            ("Stripe dashboard", ("Stripe account Acme Ltd (read and refund role)",)),
            ("Google Sheets", ("Finance workbook in Google Sheets, editor access",)),
            ("Expensify", ("Expensify policy Acme Staff, admin role",)),
        ),
        reviewers=("the finance lead", "the financial controller"),
        formats=(
            "CSV export, one row per invoice, ISO dates",
            "PDF invoice on the company template, numbered INV-YYYY-NNNN",
            "Spreadsheet tab per month, totals in EUR with two decimals",
            "Email summary with a table of amounts and a link to the ledger",
        ),
        tones=(
            "Precise and neutral",
            "Formal and polite",
            "Clear and factual, no abbreviations",
        ),
        objects=(
            "supplier invoice",
            "expense claims",
            "bank reconciliation",
            "payment run",
            "month-end close checklist",
            "VAT return",
            "refund request",
            "budget forecast",
            "payroll summary",
            "credit note",
        ),
        processes=(
            ProcessTemplate(
                "close-month",
                "Close the month in the books",
                "The last working day of the month",
                "The month is locked and the management accounts are sent",
            ),
            ProcessTemplate(
                "pay-supplier-invoices",
                "Pay supplier invoices",
                "An approved supplier invoice is due within seven days",
                "The supplier is paid and the payment is reconciled",
            ),
            ProcessTemplate(
                "process-refund",
                "Process a customer refund",
                "Support approves a refund request",
                "The customer receives the refund and a confirmation email",
            ),
            ProcessTemplate(
                "file-vat-return",
                "File the quarterly VAT return",
                "A VAT quarter ends",
                "The VAT return is filed and the payment is scheduled",
            ),
            ProcessTemplate(
                "approve-expenses",
                "Approve staff expenses",
                "An employee submits an expense claim",
                "The claim is approved or returned with a reason",
            ),
        ),
        channel="#finance",
    ),
    Area(
        name="clients",
        team="@client-success",
        tool_accounts=(
            ("HubSpot", ("HubSpot user with the Account Manager role",)),
            ("Notion", ("Shared client-success Notion workspace",)),
            ("Google Meet", ("Google Meet host account cs@acme.example",)),
            ("DocuSign", ("DocuSign account ops@acme.example (sender)",)),
            ("Intercom", ("Intercom team inbox Client Success",)),
        ),
        reviewers=("the account manager", "the client-success lead"),
        formats=(
            "Notion page from the Client Onboarding template",
            "Email with a three-point agenda and a calendar invite",
            "Slide deck of at most 10 slides on the client template",
            "HubSpot note with outcome, next step and due date",
        ),
        tones=(
            "Professional and warm",
            "Reassuring and proactive",
            "Direct, friendly and solution-focused",
        ),
        objects=(
            "welcome email",
            "kickoff agenda",
            "client health score",
            "renewal proposal",
            "quarterly business review deck",
            "contract",
            "onboarding checklist",
            "meeting notes",
            "escalation summary",
            "success plan",
        ),
        processes=(
            ProcessTemplate(
                "onboard-new-client",
                "Onboard a new client",
                "A contract is signed",
                "The client has held a kickoff call and has working access",
            ),
            ProcessTemplate(
                "run-quarterly-review",
                "Run a quarterly business review",
                "A client reaches the end of a quarter",
                "The review is held and the action items are recorded",
            ),
            ProcessTemplate(
                "renew-client-contract",
                "Renew a client contract",
                "A contract is 60 days from its end date",
                "The renewal is signed or the churn reason is logged",
            ),
            ProcessTemplate(
                "handle-client-escalation",
                "Handle a client escalation",
                "A client raises a formal complaint",
                "The complaint is resolved and the client confirms it",
            ),
        ),
        channel="#client-success",
    ),
    Area(
        name="newsletter",
        team="@content-team",
        tool_accounts=(
            ("Mailchimp", ("Mailchimp audience Acme Weekly (editor role)",)),
            ("Substack", ("Substack publication acme-weekly, admin",)),
            ("ConvertKit", ("ConvertKit account Acme Weekly, editor seat",)),
            ("Google Docs", ("Shared Google Drive folder Newsletter",)),
            ("Grammarly", ("Grammarly Business seat of the content team",)),
        ),
        reviewers=("the editor", "the managing editor"),
        formats=(
            "Email of 600 to 900 words with 3 sections and one call to action",
            "Subject line under 50 characters; preheader under 90 characters",
            "Google Doc from the Newsletter Draft template",
            "Header image 1200x400 PNG under 300 KB",
        ),
        tones=(
            "Curious and personal",
            "Helpful and plain-spoken",
            "Friendly expert, second person",
        ),
        objects=(
            "newsletter draft",
            "subject line",
            "subscriber segment",
            "header image",
            "link list",
            "test email",
            "send report",
            "editorial calendar",
            "sponsor slot",
            "unsubscribe feedback",
        ),
        processes=(
            ProcessTemplate(
                "publish-weekly-newsletter",
                "Publish the weekly newsletter",
                "Thursday at noon, the newsletter deadline",
                "The newsletter is sent to every active subscriber",
            ),
            ProcessTemplate(
                "sell-sponsor-slot",
                "Sell a newsletter sponsor slot",
                "A sponsor inquiry arrives",
                "The sponsor slot is booked, paid and scheduled",
            ),
            ProcessTemplate(
                "clean-subscriber-list",
                "Clean the subscriber list",
                "The first Monday of the quarter",
                "Inactive subscribers are removed and the list health is logged",
            ),
        ),
        channel="#newsletter",
    ),
    Area(
        name="hiring",
        team="@people-team",
        tool_accounts=(
            ("Greenhouse", ("Greenhouse recruiter seat",)),
            ("Workable", ("Workable account Acme Careers, recruiter role",)),
            ("Google Calendar", ("People team shared calendar",)),
            ("BambooHR", ("BambooHR admin account (people ops)",)),
            ("Slack", ("Slack workspace Acme, member of #hiring",)),
        ),
        reviewers=("the hiring manager", "the recruiter"),
        formats=(
            "Job post of at most 600 words with salary range and location",
            "Interview scorecard with 4 competencies rated 1 to 4",
            "Offer letter PDF on the HR template",
            "Slack message in the hiring channel with candidate and next step",
        ),
        tones=(
            "Welcoming and inclusive",
            "Clear, kind and respectful",
            "Enthusiastic but honest",
        ),
        objects=(
            "job description",
            "interview plan",
            "candidate shortlist",
            "scorecard",
            "reference checks",
            "offer letter",
            "onboarding plan",
            "rejection email",
            "equipment request",
            "first-week schedule",
        ),
        processes=(
            ProcessTemplate(
                "hire-new-employee",
                "Hire a new employee",
                "A hiring manager opens an approved role",
                "The candidate accepts a signed offer",
            ),
            ProcessTemplate(
                "onboard-employee",
                "Onboard a new employee",
                "A candidate signs the offer",
                "The new hire finishes the first week with every account working",
            ),
            ProcessTemplate(
                "offboard-employee",
                "Offboard a leaving employee",
                "An employee hands in notice",
                "Access is revoked and equipment is returned",
            ),
            ProcessTemplate(
                "run-interview-loop",
                "Run an interview loop",
                "A candidate passes the screening call",
                "Every interviewer has submitted a scorecard",
            ),
        ),
        channel="#hiring",
    ),
    Area(
        name="support",
        team="@support-team",
        tool_accounts=(
            ("Zendesk", ("Zendesk agent seat, Tier 2 group",)),
            ("Intercom", ("Intercom inbox Support",)),
            ("Statuspage", ("Statuspage admin for status.acme.example",)),
            ("Jira Service Management", ("Jira Service Management agent licence, project SUP",)),
            ("Loom", ("Loom workspace Acme Support, creator seat",)),
        ),
        reviewers=("the support lead", "the on-call agent"),
        formats=(
            "Ticket reply using the macro Standard Answer, under 200 words",
            "Status page incident update with impact, cause and next update time",
            "Loom video under 3 minutes with a short written summary",
            "Internal note with steps to reproduce and the affected accounts",
        ),
        tones=(
            "Empathetic and calm",
            "Apologetic without over-promising",
            "Patient and precise",
        ),
        objects=(
            "ticket triage",
            "incident update",
            "customer reply",
            "bug report",
            "knowledge base article",
            "refund approval",
            "escalation note",
            "satisfaction survey",
            "macro library",
            "on-call handover",
        ),
        processes=(
            ProcessTemplate(
                "triage-support-ticket",
                "Triage an incoming support ticket",
                "A new ticket lands in the support queue",
                "The ticket is tagged, prioritised and assigned",
            ),
            ProcessTemplate(
                "communicate-incident",
                "Communicate a service incident",
                "Monitoring declares an incident",
                "Customers are informed until the incident is resolved",
            ),
            ProcessTemplate(
                "publish-help-article",
                "Publish a help centre article",
                "The same question is asked three times in a week",
                "A reviewed article is live in the help centre",
            ),
            ProcessTemplate(
                "hand-over-on-call",
                "Hand over the support on-call",
                "The on-call shift ends",
                "The next agent has every open issue and its context",
            ),
        ),
        channel="#support",
    ),
    Area(
        name="video",
        team="@video-team",
        tool_accounts=(
            ("YouTube Studio", ("YouTube channel Acme Tutorials (manager role)",)),
            ("DaVinci Resolve", ("DaVinci Resolve Studio licence on the edit workstation",)),
            ("Frame.io", ("Frame.io team Acme Video",)),
            ("Descript", ("Descript drive Acme Video, editor seat",)),
            ("TubeBuddy", ("TubeBuddy licence linked to the Acme Tutorials channel",)),
        ),
        reviewers=("the editor", "the video producer"),
        formats=(
            "1080p MP4, H.264, stereo audio at -14 LUFS",
            "Thumbnail 1280x720 JPG under 2 MB, max 5 words of text",
            "Title under 60 characters; description with chapters and 3 links",
            "SRT captions checked by hand",
        ),
        tones=(
            "Energetic and practical",
            "Calm teaching voice",
            "Playful but on-topic",
        ),
        objects=(
            "video script",
            "shot list",
            "rough cut",
            "thumbnail",
            "video description",
            "caption file",
            "end screen",
            "upload checklist",
            "b-roll library",
            "sponsor read",
        ),
        processes=(
            ProcessTemplate(
                "publish-tutorial-video",
                "Publish a tutorial video",
                "A script is approved",
                "The video is public with captions, chapters and a thumbnail",
            ),
            ProcessTemplate(
                "produce-product-demo",
                "Produce a product demo video",
                "Product marketing requests a demo",
                "The demo video is delivered and approved",
            ),
            ProcessTemplate(
                "repurpose-livestream",
                "Repurpose a livestream",
                "A livestream ends",
                "Three short clips are published from the recording",
            ),
        ),
        channel="#video",
    ),
    Area(
        name="sales",
        team="@sales-team",
        tool_accounts=(
            ("Salesforce", ("Salesforce user with the Account Executive profile",)),
            ("Pipedrive", ("Pipedrive company account, sales seat",)),
            ("Gong", ("Gong recorder seat of the sales team",)),
            ("PandaDoc", ("PandaDoc workspace Acme Sales",)),
            ("LinkedIn Sales Navigator", ("LinkedIn Sales Navigator team seat",)),
        ),
        reviewers=("the sales manager", "the deal desk lead"),
        formats=(
            "Proposal PDF from the PandaDoc template, pricing table on page 2",
            "Email of at most 120 words with one clear ask",
            "Opportunity record with stage, amount and close date filled in",
            "Call notes in the MEDDIC template",
        ),
        tones=(
            "Consultative and confident",
            "Friendly and to the point",
            "Respectful, never pushy",
        ),
        objects=(
            "lead qualification",
            "discovery call notes",
            "proposal",
            "pricing quote",
            "follow-up email",
            "pipeline review",
            "demo booking",
            "contract handover",
            "lost deal analysis",
            "prospect list",
        ),
        processes=(
            ProcessTemplate(
                "qualify-inbound-lead",
                "Qualify an inbound lead",
                "A demo request form is submitted",
                "The lead is qualified or disqualified with a reason",
            ),
            ProcessTemplate(
                "send-proposal",
                "Send a sales proposal",
                "A discovery call confirms budget and need",
                "The prospect has a proposal and a follow-up date",
            ),
            ProcessTemplate(
                "run-pipeline-review",
                "Run the weekly pipeline review",
                "Friday morning",
                "Every open deal has a next step and a current close date",
            ),
            ProcessTemplate(
                "hand-deal-to-success",
                "Hand a won deal to client success",
                "A deal is marked closed-won",
                "Client success has the context and owns the account",
            ),
        ),
        channel="#sales",
    ),
    Area(
        name="legal",
        team="@legal-ops",
        tool_accounts=(
            ("Ironclad", ("Ironclad legal workspace, reviewer role",)),
            ("DocuSign", ("DocuSign account legal@acme.example",)),
            ("Google Docs", ("Shared Google Drive folder Legal, editor access",)),
            ("OneTrust", ("OneTrust privacy admin",)),
            ("Notion", ("Notion workspace Legal Ops, member",)),
        ),
        reviewers=("the legal counsel", "the privacy lead"),
        formats=(
            "Redlined Word document with tracked changes and a cover note",
            "Contract on the standard MSA template, version noted in the footer",
            "Register entry with date, counterparty, risk level and owner",
        ),
        tones=(
            "Formal and exact",
            "Plain English, no legalese where avoidable",
            "Neutral and careful",
        ),
        objects=(
            "NDA",
            "contract redline",
            "data processing agreement",
            "privacy request",
            "trademark filing",
            "policy update",
            "signature packet",
            "contract register",
            "vendor risk review",
            "cookie audit",
        ),
        processes=(
            ProcessTemplate(
                "review-customer-contract",
                "Review a customer contract",
                "Sales sends a customer's paper for review",
                "The contract is approved, redlined or escalated",
            ),
            ProcessTemplate(
                "answer-privacy-request",
                "Answer a data subject request",
                "A privacy request arrives at privacy@acme.example",
                "The request is answered within 30 days and logged",
            ),
            ProcessTemplate(
                "sign-nda",
                "Sign a mutual NDA",
                "A partner asks for an NDA before a meeting",
                "Both parties hold a countersigned NDA",
            ),
        ),
        channel="#legal",
    ),
    Area(
        name="it",
        team="@it-ops",
        tool_accounts=(
            ("Google Workspace Admin", ("Google Workspace super admin (break-glass only)",)),
            ("Okta", ("Okta admin console, help desk role",)),
            ("Jamf", ("Jamf Pro technician account",)),
            ("1Password", ("1Password business account, IT vault admin",)),
            ("Jira", ("Jira project IT, agent role",)),
        ),
        reviewers=("the IT lead", "the security lead"),
        formats=(
            "Jira ticket with device serial, user and requested change",
            "Checklist in the ticket, every item ticked with a timestamp",
            "Short Slack confirmation to the requester",
        ),
        tones=(
            "Clear and reassuring",
            "Brief and technical",
            "Friendly help-desk voice",
        ),
        objects=(
            "laptop setup",
            "account provisioning",
            "access review",
            "password reset",
            "software licence",
            "device wipe",
            "vendor access",
            "backup check",
            "security patch",
            "shared drive permissions",
        ),
        processes=(
            ProcessTemplate(
                "provision-new-laptop",
                "Provision a new laptop",
                "A new hire start date is confirmed",
                "The laptop is enrolled, encrypted and handed over",
            ),
            ProcessTemplate(
                "run-access-review",
                "Run the quarterly access review",
                "A new quarter starts",
                "Every app owner has confirmed or revoked each user's access",
            ),
            ProcessTemplate(
                "respond-to-lost-device",
                "Respond to a lost device",
                "An employee reports a lost or stolen device",
                "The device is locked or wiped and the loss is logged",
            ),
        ),
        channel="#it-help",
    ),
)

VERBS: tuple[str, ...] = (
    "Draft",
    "Review",
    "Schedule",
    "Publish",
    "Prepare",
    "Send",
    "Check",
    "Update",
    "Archive",
    "Approve",
    "Collect",
    "Export",
    "Assign",
    "Verify",
    "Share",
    "Plan",
)

SEGMENTS: tuple[str, ...] = (
    "",
    "",
    "",
    "",
    " for EMEA",
    " for North America",
    " for enterprise clients",
    " for partners",
    " for the free plan",
    " in Germany",
)

DEADLINES: tuple[str, ...] = (
    "the end of the day",
    "the next stand-up",
    "Friday noon",
    "the agreed due date",
    "the end of the second working day",
    "the weekly sync",
    "the publishing slot",
)

TIMES: tuple[str, ...] = (
    "09:00",
    "10:30",
    "12:00",
    "14:00",
    "16:30",
    "the first slot after lunch",
    "the time in the planning sheet",
)

CHECK_ITEMS: tuple[str, ...] = (
    "spelling and links",
    "the dates and time zone",
    "names and job titles",
    "the amounts against the source",
    "that every attachment opens",
    "the accessibility text on images",
    "that personal data is removed",
    "the version number in the footer",
)

STATUSES: tuple[str, ...] = (
    "Ready for review",
    "Scheduled",
    "Done",
    "Waiting on client",
    "Approved",
    "In progress",
)

FOLDERS: tuple[str, ...] = (
    "Ops / Current",
    "Ops / Archive / {year}",
    "Team Drive / {area}",
    "Shared / {area} / Outbox",
)

# The first step of every SOP: it opens the SOP's own tool, with an account of that tool.
# History edits may reword it but never drop it, so the instructions always name the tool.
OPEN_TEMPLATES: tuple[str, ...] = (
    "Open {tool} and sign in with the {account}.",
    "Sign in to {tool} with the {account}.",
    "In {tool}, open the {object}; sign in with the {account}.",
    "Open {tool}, use the {account} and find the {object}.",
)

# The steps after the first. A review or an approval always names the role and the channel
# to ask in; the only tool named is the SOP's own.
STEP_TEMPLATES: tuple[str, ...] = (
    "Find the {object} in {tool}; if it is not there, create it from the template.",
    "Check {check} before you continue.",
    "Ask {reviewer} in {channel} to review the {object} before {deadline}.",
    "Post the {object} in {channel} for {reviewer} to review before {deadline}.",
    "Post a short update in {channel} with a link to the {object}.",
    "If a step does not match what you see in {tool}, ask in {channel} and tag {reviewer}; do not guess.",
    "Save the file as `{file}` in the folder **{folder}**.",
    "Set the status to *{status}* and add one line about what changed.",
    "Schedule it for {time} in the team's time zone.",
    "Write in this tone: {tone_lower}. Keep sentences short.",
    "Compare the {object} with last week's version and list every change in the task.",
    "Copy the final link into the tracking sheet, one row per item.",
    "Close the task in {tool} and move the card to *{status}*.",
    "When {reviewer} approves the {object} in {channel}, send it and keep the confirmation.",
    "Follow the format: {format_lower}.",
    "Remove drafts and duplicates so only the final {object} remains.",
    "If {tool} shows an error, take a screenshot and raise it in {channel}.",
    "Wait until {deadline} for feedback in {channel}, then go ahead with the latest version.",
)

INTROS: tuple[str, ...] = (
    "This SOP explains how to {verb_lower} the {object} from start to finish.",
    "Use this SOP every time the {object} needs to be handled; it takes about {minutes} minutes.",
    "Who does this: anyone on {team}. Nobody needs special access beyond the account below.",
    "Why it matters: a late or sloppy {object} delays everything that depends on it.",
    "Read the whole list once before you start; steps marked with a note are easy to miss.",
)

NOTES: tuple[str, ...] = (
    "> Note: never share the {account} credentials in chat; use the password manager.",
    "> Tip: keep the previous {object} open in a second tab to copy the structure.",
    "> Note: if the deadline has passed, tell {reviewer} in {channel} first.",
    "",
)

DESCRIPTIONS: tuple[str, ...] = (
    "Keeps the {title_lower} work predictable and easy to hand over.",
    "Written after a review of how the team actually does this today.",
    "Covers the happy path; exceptions go to the process owner.",
)

TAGS: tuple[str, ...] = (
    "weekly",
    "monthly",
    "quarterly",
    "customer-facing",
    "internal",
    "compliance",
    "automation-candidate",
    "onboarding",
    "urgent",
    "core",
)

REVIEW_INTERVALS: tuple[str, ...] = ("30d", "90d", "6w", "6m", "1y", "180d", "90d", "6m")

PEOPLE: tuple[str, ...] = ("@amorgan", "@pshah", "@jlee", "@scarter", "@mnovak")

# What the I-family defects write into instructions.
COLLEAGUES: tuple[str, ...] = ("Sarah", "Priya", "Tom", "Dana", "Marco")
VAGUE_PHRASES: tuple[str, ...] = ("as usual", "ASAP", "if necessary", "etc.")
OPEN_QUESTIONS: tuple[str, ...] = ("Do we still need this?", "Which account do we use here?")

PLACEHOLDERS: tuple[str, ...] = ("TBD", "TODO", "?", "N/A", "xxx")

COMMIT_BODIES: tuple[str, ...] = (
    "Requested in the team retro.",
    "The tool changed its menus; the steps now match the new layout.",
    "Found while onboarding a new teammate who got stuck here.",
    "Agreed with the process owner in the weekly sync.",
    "Small wording fixes, no change in what people do.",
)
