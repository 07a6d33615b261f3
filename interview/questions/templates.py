# ruff: noqa: E501 — a catalogue of sentences: one template a line reads better than wrapped strings
"""How an interviewer asks about each kind of item, in Korean and in English.

Every kind has several templates per language, so a set never asks two questions the same
way; every template quotes its item ('{phrase}'). A duty is asked as a situation (the
situation suits the duty: an angry guest for a customer-facing duty, a defect for a quality
check, a stock count that does not match for a warehouse job) or as an experience; a
competency as a behavioural (STAR) question; a language or a tool as a demonstration of
proficiency; a working condition or a location as availability; a credential as what was
learned getting it; a letter's claim as what exactly the seeker did.

A template's style decides the question's category (one of the bank's: behavioural,
situational, job_competency, personality), its rubric points and its answer window.
"""

from __future__ import annotations

from dataclasses import dataclass

from interview.text.josa import has_final_consonant


@dataclass(frozen=True)
class Style:
    category: str  # the bank category the question belongs to
    key_points_ko: tuple[str, ...]
    key_points_en: tuple[str, ...]
    prep_seconds: int
    answer_seconds: tuple[float, float]

    def key_points(self, language: str) -> tuple[str, ...]:
        return self.key_points_ko if language == "ko" else self.key_points_en


_STAR = Style(
    "behavioural",
    ("상황과 본인의 역할", "본인이 한 구체적인 행동", "결과와 숫자", "직무와의 연결"),
    ("the situation and your role", "what you did", "the result, with numbers",
     "how it fits this job"),
    30, (60.0, 120.0),
)  # fmt: skip
STYLES: dict[str, Style] = {
    "situational": Style(
        "situational",
        ("상황을 먼저 파악하는 방법", "무엇부터 할지와 그 이유", "규정·안전을 지키면서 상대를 배려하는 말과 행동",
         "혼자 안 될 때 누구에게 알릴지"),
        ("how you'd first read the situation", "what you'd do first, and why",
         "keeping to the rules and safety while looking after people",
         "who you'd bring in if you couldn't sort it yourself"),
        30, (40.0, 90.0),
    ),
    "experience": _STAR,
    "behavioural": _STAR,
    "claim": _STAR,
    "proficiency": Style(
        "job_competency",
        ("실제로 해 본 작업이나 써 본 상황", "할 수 있는 수준을 구체적으로", "어떻게 배웠고 지금 무엇을 더 익히는지",
         "이 일에서 어떻게 쓸지"),
        ("a real task or situation where you used it", "what you can do with it, concretely",
         "how you learned it and what you're learning now", "how you'd use it in this job"),
        30, (40.0, 90.0),
    ),
    "availability": Style(
        "personality",
        ("가능한지 솔직하고 분명하게", "생활과 건강을 어떻게 맞출지", "비슷한 조건에서 지내 본 경험",
         "오래 다닐 수 있다는 근거"),
        ("a clear, honest answer", "how you'd fit it around your life and health",
         "times you've worked or lived like this", "why you'd stick with it"),
        20, (30.0, 60.0),
    ),
    "credential": Style(
        "job_competency",
        ("준비하면서 배운 것", "어려웠던 점과 넘긴 방법", "현장에서 어떻게 쓸지"),
        ("what you learned getting it", "what was hard and how you got through it",
         "how you'd use it on the job"),
        30, (40.0, 90.0),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Template:
    id: str  # unique: no two questions of a set share one
    kind: str  # the kind of item it asks about (item_kinds.ASKED, or "claim")
    style: str  # a key of STYLES
    ko: str
    en: str
    domain: str = ""  # a duty's domain the situation suits; "" for any

    def wording(self, language: str) -> str:
        return self.ko if language == "ko" else self.en


def _t(id: str, kind: str, style: str, ko: str, en: str, domain: str = "") -> Template:
    return Template(id, kind, style, ko, en, domain)


SITUATIONS = (
    _t("duty.customer.1", "duty", "situational",
       "'{phrase}' 업무를 하다 보면 오래 기다린 손님이 언성을 높이며 항의하실 때가 있습니다. 그런 손님을 만나면 어떻게 하시겠어요?",
       'The job includes "{phrase}". Say a guest has been waiting a long time and starts complaining loudly in front of others. What would you do?',
       "customer"),
    _t("duty.customer.2", "duty", "situational",
       "'{phrase}' 업무 중에 두 손님이 동시에 도움을 요청하고, 한 분은 급하다고 재촉하신다면 어떻게 대응하시겠어요?",
       "While you're doing \"{phrase}\", two customers need you at the same moment and one of them is clearly in a hurry. How would you handle it?",
       "customer"),
    _t("duty.customer.3", "duty", "situational",
       "'{phrase}' 업무 중에 손님이 규정상 들어드릴 수 없는 요청을 계속 고집하신다면 어떻게 말씀드리겠어요?",
       "Part of the job is \"{phrase}\". A customer keeps insisting on something the rules don't allow. What would you say to them?",
       "customer"),
    _t("duty.care.1", "duty", "situational",
       "'{phrase}' 중에 어르신이 도움을 거부하시거나 화를 내신다면 어떻게 하시겠어요?",
       "While you're helping with \"{phrase}\", the person you're caring for refuses help and gets upset. What would you do?",
       "care"),
    _t("duty.care.2", "duty", "situational",
       "'{phrase}' 중에 평소와 다른 몸 상태 변화를 발견했는데 담당자와 바로 연락이 닿지 않는다면 어떻게 하시겠어요?",
       "During \"{phrase}\", you notice a change in someone's health and can't reach the person in charge straight away. What do you do?",
       "care"),
    _t("duty.cleaning.1", "duty", "situational",
       "'{phrase}' 업무 중에 다음 손님 입실 시간이 다가오는데 정리할 곳이 많이 남았다면 어떻게 하시겠어요?",
       "You're on \"{phrase}\" and time is running out with a lot still left to do. How do you decide what comes first, and who do you tell?",
       "cleaning"),
    _t("duty.cleaning.2", "duty", "situational",
       "'{phrase}' 중에 손님이 두고 간 귀중품을 발견했다면 어떻게 처리하시겠어요?",
       'During "{phrase}", you find something valuable that someone has left behind. What do you do with it?',
       "cleaning"),
    _t("duty.public.1", "duty", "situational",
       "'{phrase}' 업무 중에 민원인이 규정상 처리할 수 없는 요청을 계속 고집하며 언성을 높이신다면 어떻게 응대하시겠어요?",
       "Part of the job is \"{phrase}\". A member of the public keeps insisting on something the rules don't allow and is getting angry. How would you respond?",
       "public"),
    _t("duty.public.2", "duty", "situational",
       "'{phrase}' 업무 중에 서류가 하나 빠진 민원인이 오늘 꼭 처리해 달라고 하신다면 어떻게 하시겠어요?",
       'While handling "{phrase}", someone arrives without one of the required documents and insists it has to be done today. What do you do?',
       "public"),
    _t("duty.security.1", "duty", "situational",
       "'{phrase}' 중에 출입증이 없는 분이 급한 일이라며 들여보내 달라고 하신다면 어떻게 하시겠어요?",
       "While you're on \"{phrase}\", someone without a pass says it's urgent and asks you to let them in. What do you do?",
       "security"),
    _t("duty.security.2", "duty", "situational",
       "'{phrase}' 중에 경보가 울렸는데 실제 상황인지 확실하지 않다면 어떻게 대응하시겠어요?",
       "During \"{phrase}\", an alarm goes off and you're not sure whether it's real. How do you respond?",
       "security"),
    _t("duty.safety.1", "duty", "situational",
       "'{phrase}' 중에 장비에서 평소와 다른 소리가 나는데, 선임은 괜찮다며 계속하라고 한다면 어떻게 하시겠어요?",
       "During \"{phrase}\", you notice the equipment sounding or behaving differently, but a senior colleague tells you it's fine to carry on. What do you do?",
       "safety"),
    _t("duty.safety.2", "duty", "situational",
       "'{phrase}'{eul} 하는데 안전 수칙을 모두 지키면 작업이 늦어지는 상황입니다. 이럴 때 어떻게 하시겠어요?",
       "You're responsible for \"{phrase}\", and following every safety step today would put the team behind schedule. What would you do?",
       "safety"),
    _t("duty.quality.1", "duty", "situational",
       "'{phrase}' 중에 불량을 발견했는데, 같은 묶음이 이미 다음 공정으로 넘어간 상태라면 어떻게 하시겠어요?",
       'While doing "{phrase}", you spot a defect, and part of the same batch has already moved on to the next stage. What do you do?',
       "quality"),
    _t("duty.quality.2", "duty", "situational",
       "'{phrase}' 중에 본인이 작업한 제품에서 실수가 발견되었다면, 누구에게 어떻게 알리고 무엇부터 하시겠어요?",
       'Suppose a mistake turns up in work you did yourself on "{phrase}". Who would you tell, and what would you do first?',
       "quality"),
    _t("duty.logistics.1", "duty", "situational",
       "'{phrase}' 업무 중에 출고 마감이 30분 남았는데, 재고 수량이 전산과 맞지 않는다면 어떻게 하시겠어요?",
       "You're on \"{phrase}\", and 30 minutes before the cut-off the stock count doesn't match the system. What do you do?",
       "logistics"),
    _t("duty.logistics.2", "duty", "situational",
       "'{phrase}' 중에 파손된 상품을 발견했는데 그 주문이 지금 바로 나가야 한다면 어떻게 처리하시겠어요?",
       'During "{phrase}", you find a damaged item in an order that has to go out right now. How do you deal with it?',
       "logistics"),
    _t("duty.it.1", "duty", "situational",
       "'{phrase}' 업무 중에 처음 보는 오류로 직원이 급하게 도움을 요청하면, 어떤 순서로 원인을 찾고 해결하시겠어요?",
       "While handling \"{phrase}\", a colleague rushes over with an error you've never seen before. How would you go about finding the cause and fixing it?",
       "it"),
    _t("duty.it.2", "duty", "situational",
       "'{phrase}'{eul} 하다 보면 컴퓨터에 익숙하지 않은 분이 답답해하며 문의하실 때가 있습니다. 그분께 해결 방법을 어떻게 설명하시겠어요?",
       "Part of the job is \"{phrase}\". Someone who isn't comfortable with computers calls you, frustrated. How would you talk them through the fix?",
       "it"),
    _t("duty.admin.1", "duty", "situational",
       "'{phrase}' 업무를 하다가 이미 제출한 서류에서 본인의 실수를 발견했다면 어떻게 하시겠어요?",
       'While working on "{phrase}", you find a mistake you made in something that has already been sent out. What do you do?',
       "admin"),
    _t("duty.admin.2", "duty", "situational",
       "'{phrase}' 업무가 마감 직전인데 다른 부서에서 급한 요청이 들어온다면, 무엇부터 처리하시겠어요?",
       "You're close to a deadline on \"{phrase}\" when another team sends an urgent request. What do you deal with first, and how?",
       "admin"),
    _t("duty.food.1", "duty", "situational",
       "'{phrase}' 업무 중에 주문이 한꺼번에 몰려 기다리는 손님이 늘어나면, 속도와 품질을 어떻게 함께 지키시겠어요?",
       "You're on \"{phrase}\" at the busiest time of day and orders are piling up. How do you keep up without cutting corners?",
       "food"),
    _t("duty.food.2", "duty", "situational",
       "'{phrase}' 중에 유통기한이 지난 재료를 발견했는데 주문이 밀려 있다면 어떻게 하시겠어요?",
       'During "{phrase}", you notice an ingredient is past its use-by date while orders are queuing. What do you do?',
       "food"),
    _t("duty.cash.1", "duty", "situational",
       "'{phrase}' 업무를 마감하는데 시재 금액이 맞지 않는다면 어떻게 하시겠어요?",
       'At the end of a shift on "{phrase}", the money doesn\'t balance. What do you do?',
       "cash"),
    _t("duty.cash.2", "duty", "situational",
       "'{phrase}' 중에 손님이 거스름돈을 잘못 받았다며 항의하시면 어떻게 대응하시겠어요?",
       'While handling "{phrase}", a customer says you gave them the wrong change. How do you handle it?',
       "cash"),
    _t("duty.any.1", "duty", "situational",
       "입사 첫 주에 '{phrase}' 업무를 맡았는데 방법을 잘 모르는 부분이 생긴다면 어떻게 하시겠어요?",
       "Imagine it's your first week and you're asked to handle \"{phrase}\" without much guidance. How would you go about it?"),
    _t("duty.any.2", "duty", "situational",
       "'{phrase}' 업무와 다른 급한 일이 한꺼번에 몰린다면 무엇부터 처리하시겠어요? 그 이유도 함께 말씀해 주세요.",
       'Suppose "{phrase}" and two other urgent jobs land on you at the same time. How would you decide what to do first?'),
    _t("duty.any.3", "duty", "situational",
       "'{phrase}' 업무를 하면서 동료와 일하는 방식이 달라 의견이 부딪친다면 어떻게 하시겠어요?",
       'While working on "{phrase}", you and a colleague disagree about how it should be done. What would you do?'),
)  # fmt: skip
DUTY_EXPERIENCES = (
    _t("duty.exp.1", "duty", "experience",
       "이 직무에서는 '{phrase}' 업무를 맡게 됩니다. 학교나 아르바이트, 실습에서 이와 비슷한 일을 해 본 적이 있다면 그때 무엇을 하셨는지 구체적으로 말씀해 주세요.",
       'One of the main duties is "{phrase}". Have you done anything similar — at work, at school or on a placement? Walk me through what you did.'),
    _t("duty.exp.2", "duty", "experience",
       "'{phrase}'{wa} 가장 가까운 본인의 경험을 하나 골라 주세요. 어떤 상황이었고, 본인은 어떤 역할을 했으며, 결과는 어땠나요?",
       "Think of the experience you've had that comes closest to \"{phrase}\". What was the situation, what was your part, and how did it go?"),
    _t("duty.exp.3", "duty", "experience",
       "'{phrase}' 업무를 잘하려면 무엇이 가장 중요하다고 보시나요? 본인이 그런 모습을 보여 준 경험과 함께 말씀해 주세요.",
       'What do you think it takes to be good at "{phrase}"? Tell me about a time you showed that.'),
)  # fmt: skip
OTHERS = (
    _t("competency.1", "competency", "behavioural",
       "공고에서 '{phrase}'{eul} 강조하고 있는데, 이런 모습을 보여 준 경험을 상황, 본인의 행동, 결과 순서로 말씀해 주세요.",
       'The posting asks for "{phrase}". Tell me about a time you showed that: the situation, what you did, and how it turned out.'),
    _t("competency.2", "competency", "behavioural",
       "'{phrase}'{wa} 관련해 가장 먼저 떠오르는 본인의 경험이 있나요? 그때 어떤 상황이었고, 본인은 구체적으로 무엇을 하셨나요?",
       'Can you think of a moment when "{phrase}" really mattered? Walk me through what happened and what you did.'),
    _t("competency.3", "competency", "behavioural",
       "지금까지의 경험 중에서 '{phrase}'{eul} 가장 잘 보여 주는 일은 무엇인가요? 그 일에서 맡은 역할과 결과를 말씀해 주세요.",
       'Give me an example from your own experience that shows "{phrase}". What was your part, and what was the result?'),
    _t("competency.4", "competency", "behavioural",
       "공고의 '{phrase}'{wa} 관련해, 그런 모습을 보이기 쉽지 않았던 상황이 있었다면 말씀해 주세요. 그때 어떻게 행동했고, 돌아보면 무엇을 배우셨나요?",
       'Tell me about a time when showing "{phrase}" was harder than usual. What did you do, and what did you learn from it?'),
    _t("experience.1", "experience", "experience",
       "공고에 '{phrase}'{iga} 있는데, 이와 관련해 해 본 일 중 가장 기억에 남는 경험을 구체적으로 말씀해 주세요.",
       'The posting mentions "{phrase}". Tell me about the most memorable thing you did in that kind of work.'),
    _t("experience.2", "experience", "experience",
       "'{phrase}'{wa} 관련해서 그때 맡았던 일과 배운 점은 무엇이었나요? 아직 경험이 없다면 지금 어떻게 준비하고 계신지 말씀해 주세요.",
       "About \"{phrase}\": what did you do day to day, and what did you learn from it? If you haven't done it yet, tell me how you're preparing."),
    _t("experience.3", "experience", "experience",
       "공고에 나온 '{phrase}'{wa} 관련해, 본인의 경험 중 이 일에 그대로 가져올 수 있는 것은 무엇인가요? 실제 있었던 일을 예로 들어 주세요.",
       'Thinking of "{phrase}", what from your own experience could you bring straight into this job? Give me a real example.'),
    _t("language.1", "language", "proficiency",
       "공고에 '{phrase}'{iga} 있어서 여쭤볼게요. {in_lang} 간단히 자기소개를 해 주시겠어요?",
       'The posting asks for "{phrase}". Could you introduce yourself briefly {in_lang}?'),
    _t("language.2", "language", "proficiency",
       "'{phrase}'{wa} 관련해서 {langs} 실력은 어느 정도이신가요? 실제로 {langs_euro} 대화해 본 상황을 예로 들어 말씀해 주세요.",
       'About "{phrase}": how would you rate your {langs}, and when have you actually used it — at work, at school or travelling?'),
    _t("language.3", "language", "proficiency",
       "이 일에는 '{phrase}'{iga} 필요합니다. 손님이 간단한 문의를 해 왔다고 생각하고, {in_lang} 짧게 응대해 보시겠어요?",
       'The job needs "{phrase}". Imagine a visitor has just come up to you with a question. Could you greet them and offer to help {in_lang}, in a sentence or two?'),
    _t("language.4", "language", "proficiency",
       "'{phrase}' 조건이 있는데, {langs_eul} 어떻게 공부해 오셨고 지금은 어느 정도까지 대화할 수 있으신가요?",
       'The posting lists "{phrase}". Where did you pick up your {langs}, and what can you comfortably handle in it — small talk, phone calls, emails?'),
    _t("tool.1", "tool", "proficiency",
       "공고에 '{phrase}'{iga} 있는데, {tool_euro} 어떤 작업까지 해 보셨나요? 가장 복잡했던 것을 설명해 주세요.",
       "The posting mentions \"{phrase}\". What's the most complex thing you've done with {tool}? Talk me through it."),
    _t("tool.2", "tool", "proficiency",
       "'{phrase}'{wa} 관련해서, {tool_eul} 처음에 어떻게 익히셨고 지금은 어느 수준까지 다룰 수 있으신가요?",
       'About "{phrase}": how did you learn to use {tool}, and what can you do with it today without looking anything up?'),
    _t("tool.3", "tool", "proficiency",
       "이 일에는 '{phrase}'{iga} 필요합니다. {tool_eul} 써서 실제로 해 본 일을 하나 골라, 어떤 순서로 했는지 설명해 주시겠어요?",
       "The job needs \"{phrase}\". Pick one real task you've done with {tool} and walk me through it, step by step."),
    _t("tool.4", "tool", "proficiency",
       "'{phrase}' 부분을 여쭤볼게요. {tool_eul} 다루다가 막혔던 적이 있다면, 그때 어떻게 해결하셨나요?",
       'On "{phrase}": tell me about a time you got stuck using {tool}. How did you sort it out?'),
    _t("condition.1", "condition", "availability",
       "이 일은 '{phrase}'{iga} 있는 자리입니다. 이런 근무가 가능하신지, 생활 리듬은 어떻게 맞추실 생각인지 말씀해 주세요.",
       'The posting says "{phrase}". Can you commit to that, and how would you fit it around the rest of your life?'),
    _t("condition.2", "condition", "availability",
       "공고에 '{phrase}'{rago} 되어 있는데, 솔직히 이 조건에서 가장 힘들 것 같은 점은 무엇이고 어떻게 감당하시겠어요?",
       'Honestly, what would be hardest for you about "{phrase}", and how would you handle it?'),
    _t("condition.3", "condition", "availability",
       "'{phrase}'{wa} 비슷한 조건에서 일하거나 생활해 본 적이 있나요? 그때 어떻게 적응하셨는지 말씀해 주세요.",
       'Have you worked or studied under conditions like "{phrase}" before? How did you adapt?'),
    _t("condition.4", "condition", "availability",
       "'{phrase}' 조건 때문에 몸이 지치거나 개인 일정과 겹칠 때는 어떻게 하시겠어요?",
       'The posting mentions "{phrase}". What would you do in a week when that clashes with something important in your personal life?'),
    _t("location.1", "location", "availability",
       "근무지가 '{phrase}'인데, 출퇴근은 어떻게 하실 계획이세요?",
       'The job is based at "{phrase}". How would you get to work, and is that journey manageable for you every day?'),
    _t("location.2", "location", "availability",
       "'{phrase}'에서 일하게 되면 통근 거리나 사는 곳 때문에 달라지는 점이 있을 텐데, 어떻게 준비하시겠어요?",
       'Working at "{phrase}" could mean a long commute or even a move. How would you handle that?'),
    _t("location.3", "location", "availability",
       "공고에 근무지가 '{phrase}'{rago} 되어 있습니다. 이른 출근이나 늦은 퇴근이 있어도 꾸준히 다니실 수 있을까요?",
       'The posting gives the location as "{phrase}". With early starts or late finishes, could you get there reliably?'),
    _t("credential.1", "credential", "credential",
       "공고에 '{phrase}'{iga} 있는데, 이와 관련해 공부하거나 준비하면서 배운 것 중 이 일에 가장 도움이 될 내용은 무엇인가요?",
       'The posting mentions "{phrase}". What did you learn getting it, or working towards it, that you\'d actually use in this job?'),
    _t("credential.2", "credential", "credential",
       "'{phrase}'{eul} 준비하면서 가장 어려웠던 부분은 무엇이었고, 어떻게 넘기셨나요? 아직 준비 중이라면 지금 어떻게 하고 계신지 말씀해 주세요.",
       'Thinking of "{phrase}": what was the hardest part of getting there, and how did you get through it? If you\'re still working on it, where are you now?'),
    _t("credential.3", "credential", "credential",
       "'{phrase}'{wa} 관련해 배운 내용을 실습이나 현장에서 실제로 써 본 적이 있나요? 그때 이야기를 들려주세요.",
       'Have you had a chance to use what you learned for "{phrase}" in practice? Tell me about it.'),
    _t("claim.1", "claim", "claim",
       "자기소개서에 '{phrase}'{rago} 쓰셨는데, 그때 본인이 맡은 역할은 정확히 무엇이었나요?",
       "You wrote that {phrase}: what exactly was your part?"),
    _t("claim.2", "claim", "claim",
       "자기소개서에 '{phrase}'{rago} 적어 주셨는데, 그 일을 하면서 가장 어려웠던 점과 어떻게 해결하셨는지 말씀해 주세요.",
       "You wrote that {phrase}. What was the hardest part of that, and how did you deal with it?"),
    _t("claim.3", "claim", "claim",
       "자기소개서에 '{phrase}'{rago} 하셨는데, 그 결과가 어땠는지 숫자나 눈에 보이는 변화로 말씀해 주실 수 있나요?",
       "You wrote that {phrase}. How did it turn out — can you put a number on the result?"),
    _t("claim.4", "claim", "claim",
       "자기소개서에 '{phrase}'{rago} 쓰셨는데, 그 경험이 이 직무에서 어떻게 도움이 될 거라고 보시나요?",
       "You wrote that {phrase}. How would that experience help you in this job?"),
    _t("claim.5", "claim", "claim",
       "자기소개서에 '{phrase}'{rago} 쓰셨는데, 그 일을 처음부터 끝까지 순서대로 다시 설명해 주시겠어요?",
       "You wrote that {phrase}. Can you take me through it from start to finish?"),
    _t("claim.6", "claim", "claim",
       "자기소개서에 '{phrase}'{rago} 쓰셨는데, 다시 그때로 돌아간다면 무엇을 다르게 하시겠어요?",
       "You wrote that {phrase}. If you did it again, what would you do differently?"),
)  # fmt: skip
TEMPLATES: tuple[Template, ...] = SITUATIONS + DUTY_EXPERIENCES + OTHERS


def templates_for(kind: str) -> tuple[Template, ...]:
    return tuple(t for t in TEMPLATES if t.kind == kind)


def _particle(word: str, with_final: str, without: str, rieul_as_vowel: bool = False) -> str:
    if rieul_as_vowel and _ends_in_rieul(word):
        return without
    return with_final if has_final_consonant(word) else without


def _ends_in_rieul(word: str) -> bool:
    for char in reversed(word.strip()):
        if 0xAC00 <= ord(char) <= 0xD7A3:
            return (ord(char) - 0xAC00) % 28 == 8
        if char.isalnum():
            return char.lower() == "l"
    return False


def _or(names: tuple[str, ...], joiner: str) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


_TOOLS_EN = {
    "forklift": "a forklift", "pallet jack": "a pallet jack", "pallet truck": "a pallet truck",
    "reach truck": "a reach truck", "scanner": "a scanner", "rf scanner": "an RF scanner",
    "handheld": "a handheld scanner", "cash till": "a till", "cash register": "a cash register",
    "espresso machine": "an espresso machine", "coffee machine": "a coffee machine",
    "computer": "a computer", "pos": "a POS system", "pda": "a PDA",
    "multimeter": "a multimeter", "oscilloscope": "an oscilloscope", "cnc": "CNC machines",
    "mct": "machining centres",
}  # fmt: skip


def slots(phrase: str, names: tuple[str, ...], language: str) -> dict[str, str]:
    """The words a template's placeholders stand for, particles agreeing in Korean."""
    tool = names[0] if names else phrase
    if language == "ko":
        langs = _or(names, "나 ") if names else "외국어"
        in_lang = (
            f"{names[0]}{_particle(names[0], '으로', '로', True)}" if len(names) == 1
            else f"{langs} 중 편하신 언어로" if names else "편하신 외국어로"
        )  # fmt: skip
        return {
            "phrase": phrase,
            "eul": _particle(phrase, "을", "를"),
            "iga": _particle(phrase, "이", "가"),
            "rago": _particle(phrase, "이라고", "라고"),
            "wa": _particle(phrase, "과", "와"),
            "tool": tool,
            "tool_eul": tool + _particle(tool, "을", "를"),
            "tool_euro": tool + _particle(tool, "으로", "로", True),
            "langs": langs,
            "langs_eul": langs + _particle(langs, "을", "를"),
            "langs_euro": langs + _particle(langs, "으로", "로", True),
            "in_lang": in_lang,
        }
    langs = _or(names, " or ") if names else "another language"
    in_lang = (
        f"in {names[0]}" if len(names) == 1
        else f"in {langs}, whichever you're strongest in" if names
        else "in your second language"
    )  # fmt: skip
    return {
        "phrase": phrase,
        "tool": _TOOLS_EN.get(tool.lower(), tool),
        "langs": langs if names else "second language",
        "in_lang": in_lang,
    }


def fill(template: Template, language: str, phrase: str, names: tuple[str, ...] = ()) -> str:
    return template.wording(language).format(**slots(phrase, names, language))
