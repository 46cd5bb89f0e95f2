"""Small invented articles written for the story tests (imported by name: `conftest` is ambiguous)."""

from __future__ import annotations

from newsprism.model import Article

BRIDGE = {
    "bridge-herald": (
        "Herald", "2025-03-11T08:00:00", "Bridge collapse in Valdora kills four",
        "A road bridge over the Mensa river collapsed in Valdora on Tuesday morning, killing four people and "
        "injuring 23, the regional governor Marta Lindqvist said. The 140-metre bridge, built in 1968, gave way "
        "as a bus and several cars were crossing. Rescue teams pulled survivors from the water for hours. "
        "Lindqvist ordered an inspection of every bridge in the province and said engineers had warned about "
        "corrosion in 2019. The transport ministry opened an inquiry.",
    ),
    "bridge-courier": (
        "Courier", "2025-03-11T10:00:00", "Four dead as Valdora bridge falls into Mensa river",
        "Four people died and 23 were hurt when the Mensa river bridge in Valdora collapsed on Tuesday, "
        "governor Marta Lindqvist told reporters. A bus was on the 140-metre span when it fell. Divers searched "
        "the river through the afternoon. Residents said cracks had been visible for years, and a 2019 report "
        "flagged corrosion. Lindqvist promised checks on all bridges in the province.",
    ),
    "bridge-daily": (
        "Daily Post", "2025-03-12", "Valdora mourns victims of bridge collapse",
        "Valdora held a vigil on Wednesday for the four people killed when the Mensa river bridge collapsed a day "
        "earlier. Governor Marta Lindqvist said 23 people were still in hospital. The transport ministry's inquiry "
        "will examine why warnings about corrosion in the 140-metre bridge, raised in 2019, were not acted on. "
        "The bus company said its driver was among the injured.",
    ),
}

# Same kind of event, other place, other people, other numbers, months later.
OTHER_BRIDGE = {
    "bridge-far": (
        "Herald", "2025-09-02", "Footbridge collapses in Port Elsen, injuring nine",
        "A pedestrian footbridge collapsed in Port Elsen on Monday, injuring nine people, mayor Tomas Greve said. "
        "The 35-metre steel structure over the railway line was opened in 2011. Greve closed two other "
        "footbridges of the same design while engineers inspect them. Police said nobody was missing.",
    ),
}

# Same kind of event on the same day: only places, people and numbers tell them apart.
FIRES = {
    "fire-north": (
        "Herald", "2025-05-06", "Warehouse fire in Kestrel Bay",
        "A fire destroyed a furniture warehouse in Kestrel Bay on Monday night, fire chief Anna Holm said. "
        "Sixty firefighters fought the blaze for seven hours. No one was hurt, but 18 nearby homes were evacuated. "
        "Holm said the cause was not yet known and investigators would start work on Tuesday.",
    ),
    "fire-south": (
        "Courier", "2025-05-06", "Blaze at Morrow paint factory",
        "A fire broke out at a paint factory in Morrow on Monday, and three workers were treated for smoke, "
        "plant manager Piet Varga said. Thick black smoke could be seen across the valley. Around 40 "
        "firefighters brought the fire under control by midnight. The company said production would stop for "
        "a week.",
    ),
}

WIRE = (
    "Evening Star", "2025-03-11T15:30:00", "Bridge collapse in Valdora kills four",
    BRIDGE["bridge-herald"][3] + " Evening Star readers can follow updates on our website.",
)


def make_article(key: str, outlet: str, published: str | None, title: str, text: str, language: str = "en") -> Article:
    return Article(id=key, text=text, source=f"test://{key}", outlet=outlet, title=title, published=published,
                   language=language, words=len(text.split()))
