"""Choose a prop icon for a word by meaning: a curated map of synonyms, then the icons' own names,
then the nearest kind of thing (a listed substitute, never a silent drop).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from models.image.icons import IconSet

# Story words -> the icon that draws them (synonyms, hypernyms, regional words). Checked first.
CURATED: dict[str, str] = {
    # light and fire
    "lantern": "diya-lamp", "lamp": "diya-lamp", "oil lamp": "diya-lamp", "diya": "diya-lamp", "torch": "flashlight",
    "flashlight": "flashlight", "candle": "candle", "candles": "candle", "match": "fire", "matchstick": "fire",
    "matches": "fire", "fire": "fire", "flame": "fire", "campfire": "fire", "bonfire": "fire", "lightbulb": "light-bulb",
    "bulb": "light-bulb", "beacon": "light-bulb", "paper lantern": "red-paper-lantern",
    # carts, vehicles, boats
    "cart": "shopping-cart", "trolley": "shopping-cart", "wagon": "pickup-truck", "oxcart": "ox", "car": "automobile",
    "taxi": "taxi", "cab": "taxi", "truck": "delivery-truck", "lorry": "articulated-lorry", "van": "minibus",
    "jeep": "sport-utility-vehicle", "bus": "bus", "bike": "bicycle", "bicycle": "bicycle", "cycle": "bicycle",
    "scooter": "motor-scooter", "motorbike": "motorcycle", "motorcycle": "motorcycle", "rickshaw": "auto-rickshaw",
    "tuk-tuk": "auto-rickshaw", "ambulance": "ambulance", "train": "locomotive", "engine": "locomotive",
    "tram": "tram", "plane": "airplane", "aeroplane": "airplane", "airplane": "airplane", "jet": "airplane",
    "helicopter": "helicopter", "rocket": "rocket", "spaceship": "rocket", "spacecraft": "rocket", "ufo": "flying-saucer",
    "boat": "canoe", "canoe": "canoe", "rowboat": "canoe", "raft": "canoe", "dinghy": "canoe", "sailboat": "sailboat",
    "yacht": "sailboat", "ship": "ship", "steamer": "passenger-ship", "ferry": "ferry", "motorboat": "motor-boat",
    "tractor": "tractor", "fire engine": "fire-engine", "police car": "police-car", "wheelchair": "manual-wheelchair",
    "sled": "sled", "sledge": "sled", "skateboard": "skateboard", "wheel": "wheel", "anchor": "anchor",
    "console": "control-knobs", "dashboard": "control-knobs", "clay": "amphora", "branch": "wood",
    "twig": "wood", "lifebuoy": "ring-buoy", "buoy": "ring-buoy", "parachute": "parachute",
    # furniture and house
    "table": "chair", "chair": "chair", "stool": "chair", "bench": "seat", "seat": "seat", "sofa": "couch-and-lamp",
    "couch": "couch-and-lamp", "bed": "bed", "cot": "bed", "door": "door", "gate": "door", "window": "window",
    "mirror": "mirror", "clock": "mantelpiece-clock", "alarm": "alarm-clock", "watch": "watch", "bath": "bathtub",
    "bathtub": "bathtub", "shower": "shower", "toilet": "toilet", "broom": "broom", "bucket": "bucket", "pail": "bucket",
    "basket": "basket", "ladder": "ladder", "stairs": "ladder", "staircase": "ladder", "picture": "framed-picture",
    "painting": "framed-picture", "portrait": "framed-picture", "photo": "framed-picture", "photograph": "framed-picture",
    "frame": "framed-picture", "curtain": "window", "shelf": "books", "bookshelf": "books", "cupboard": "file-cabinet",
    "cabinet": "file-cabinet", "drawer": "file-cabinet", "box": "package", "crate": "package", "parcel": "package",
    "package": "package", "chest": "package", "trunk": "luggage", "suitcase": "luggage", "luggage": "luggage",
    "bag": "handbag", "handbag": "handbag", "purse": "purse", "backpack": "backpack", "rucksack": "backpack",
    "sack": "money-bag", "umbrella": "umbrella", "parasol": "closed-umbrella", "tent": "tent", "barrel": "oil-drum",
    "drum": "drum", "bell": "bell", "vase": "amphora", "pot": "amphora", "urn": "funeral-urn", "jar": "jar",
    "pitcher": "amphora", "jug": "amphora", "coffin": "coffin", "grave": "headstone", "tombstone": "headstone",
    # writing, work and tools
    "book": "closed-book", "books": "books", "notebook": "notebook", "diary": "notebook-with-decorative-cover",
    "journal": "notebook-with-decorative-cover", "letter": "envelope", "envelope": "envelope", "mail": "envelope",
    "note": "memo", "paper": "page-facing-up", "page": "page-facing-up", "document": "page-facing-up",
    "file": "file-folder", "folder": "file-folder", "map": "world-map", "scroll": "scroll", "newspaper": "newspaper",
    "pen": "pen", "pencil": "pencil", "quill": "black-nib", "brush": "paintbrush", "paintbrush": "paintbrush",
    "palette": "artist-palette", "chalk": "crayon", "ruler": "straight-ruler", "scissors": "scissors",
    "hammer": "hammer", "axe": "axe", "saw": "carpentry-saw", "wrench": "wrench", "spanner": "wrench",
    "screwdriver": "screwdriver", "tools": "toolbox", "toolbox": "toolbox", "pickaxe": "pick", "shovel": "pick",
    "spade": "pick", "rope": "knot", "string": "thread", "thread": "thread", "needle": "sewing-needle", "chain": "chains",
    "key": "old-key", "keys": "old-key", "lock": "locked", "padlock": "locked", "magnet": "magnet", "gear": "gear",
    "telescope": "telescope", "binoculars": "telescope", "microscope": "microscope", "compass": "world-map",
    "magnifying glass": "magnifying-glass-tilted-left", "lens": "magnifying-glass-tilted-left",
    "glasses": "glasses", "spectacles": "glasses", "sunglasses": "sunglasses",
    "phone": "mobile-phone", "cellphone": "mobile-phone", "mobile": "mobile-phone", "smartphone": "mobile-phone",
    "telephone": "telephone", "radio": "radio", "television": "television", "tv": "television",
    "computer": "laptop", "laptop": "laptop", "screen": "desktop-computer", "monitor": "desktop-computer",
    "keyboard": "keyboard", "printer": "printer", "camera": "camera", "microphone": "microphone", "mic": "microphone",
    "speaker": "loudspeaker", "megaphone": "megaphone", "battery": "battery", "plug": "electric-plug",
    "calendar": "spiral-calendar", "ticket": "ticket", "tickets": "admission-tickets", "passport": "identification-card",
    "card": "credit-card", "money": "dollar-banknote", "cash": "dollar-banknote", "banknote": "dollar-banknote",
    "coin": "coin", "coins": "coin", "gold": "coin", "rupee": "coin", "treasure": "gem-stone", "jewel": "gem-stone",
    "diamond": "gem-stone", "ring": "ring", "necklace": "prayer-beads", "beads": "prayer-beads", "crown": "crown",
    "sword": "crossed-swords", "dagger": "dagger", "knife": "kitchen-knife", "shield": "shield", "bow": "bow-and-arrow",
    "arrow": "bow-and-arrow", "gun": "water-pistol", "pistol": "water-pistol", "helmet": "military-helmet",
    "medicine": "pill", "pill": "pill", "pills": "pill", "syringe": "syringe", "injection": "syringe",
    "stethoscope": "stethoscope", "bandage": "adhesive-bandage", "crutch": "crutch", "cane": "white-cane",
    "stick": "white-cane", "staff": "white-cane", "wand": "magic-wand", "crystal ball": "crystal-ball",
    "hat": "top-hat", "cap": "billed-cap", "coat": "lab-coat", "scarf": "scarf", "shawl": "scarf", "dress": "dress",
    "sari": "sari", "saree": "sari", "kimono": "kimono", "shirt": "t-shirt", "shoe": "mans-shoe", "shoes": "mans-shoe",
    "boot": "hiking-boot", "boots": "hiking-boot", "sandal": "thong-sandal", "sandals": "thong-sandal",
    "gloves": "gloves", "tie": "necktie",
    # music, play, ritual
    "guitar": "guitar", "violin": "violin", "flute": "flute", "bansuri": "flute", "trumpet": "trumpet",
    "piano": "musical-keyboard", "harmonium": "accordion", "accordion": "accordion", "tabla": "long-drum",
    "dhol": "long-drum", "banjo": "banjo", "saxophone": "saxophone", "kite": "kite", "ball": "soccer-ball",
    "football": "soccer-ball", "bat": "cricket-game", "toy": "teddy-bear", "teddy": "teddy-bear", "doll": "nesting-dolls",
    "balloon": "balloon", "balloons": "balloon", "gift": "wrapped-gift", "present": "wrapped-gift",
    "trophy": "trophy", "medal": "sports-medal", "dice": "game-die", "chess": "chess-pawn", "puzzle": "puzzle-piece",
    "fireworks": "fireworks", "firecracker": "firecracker", "sparkler": "sparkler", "flag": "carp-streamer",
    "garland": "bouquet", "rosary": "prayer-beads", "mala": "prayer-beads", "incense": "candle", "lotus": "lotus",
    # food and kitchen
    "bread": "bread", "loaf": "bread", "roti": "flatbread", "chapati": "flatbread", "rice": "cooked-rice",
    "cake": "birthday-cake", "pie": "pie", "cookie": "cookie", "biscuit": "cookie", "apple": "red-apple",
    "mango": "mango", "banana": "banana", "orange": "tangerine", "grapes": "grapes", "lemon": "lemon",
    "fruit": "red-apple", "vegetables": "leafy-green", "potato": "potato", "tomato": "tomato", "carrot": "carrot",
    "onion": "onion", "corn": "ear-of-corn", "egg": "egg", "eggs": "egg", "cheese": "cheese-wedge", "meat": "cut-of-meat",
    "fish": "fish", "milk": "glass-of-milk", "tea": "teacup-without-handle", "chai": "teacup-without-handle",
    "coffee": "hot-beverage", "cup": "hot-beverage", "mug": "hot-beverage", "teapot": "teapot", "kettle": "teapot",
    "kettle of tea": "teapot", "bowl": "steaming-bowl", "plate": "fork-and-knife-with-plate", "dish": "pot-of-food",
    "pan": "shallow-pan-of-food", "wok": "shallow-pan-of-food", "stove": "cooking", "oven": "cooking",
    "spoon": "spoon", "fork": "fork-and-knife", "chopsticks": "chopsticks", "glass": "tumbler-glass",
    "wine": "wine-glass", "beer": "beer-mug", "bottle": "bottle-with-popping-cork", "water": "droplet",
    "honey": "honey-pot", "salt": "salt", "sweets": "candy", "candy": "candy", "chocolate": "chocolate-bar",
    "soup": "pot-of-food", "curry": "curry-rice", "pizza": "pizza", "sandwich": "sandwich", "ice cream": "ice-cream",
    "flour": "sheaf-of-rice", "grain": "sheaf-of-rice", "wheat": "sheaf-of-rice", "harvest": "sheaf-of-rice",
    "hay": "sheaf-of-rice", "coconut": "coconut", "nut": "chestnut", "nuts": "peanuts", "mushroom": "brown-mushroom",
    # nature
    "tree": "deciduous-tree", "trees": "deciduous-tree", "oak": "deciduous-tree", "pine": "evergreen-tree",
    "palm": "palm-tree", "cactus": "cactus", "flower": "hibiscus", "flowers": "bouquet", "bouquet": "bouquet",
    "rose": "rose", "sunflower": "sunflower", "tulip": "tulip", "plant": "potted-plant", "seed": "seedling",
    "seedling": "seedling", "leaf": "maple-leaf", "leaves": "fallen-leaf", "feather": "feather", "nest": "nest-with-eggs",
    "web": "spider-web", "shell": "spiral-shell", "rock": "rock", "stone": "rock", "boulder": "rock", "log": "wood",
    "firewood": "wood", "wood": "wood", "snowman": "snowman", "snowflake": "snowflake", "rainbow": "rainbow",
    "moon": "crescent-moon", "star": "glowing-star", "stars": "glowing-star", "volcano": "volcano",
    "fountain": "fountain", "well": "bucket", "brick": "brick", "bricks": "brick", "statue": "moai",
    # animals (as props: a character that is an animal is drawn by the character engine)
    "dog": "dog", "puppy": "dog", "hound": "dog", "cat": "cat", "kitten": "cat", "fox": "fox", "wolf": "wolf",
    "lion": "lion", "tiger": "tiger", "bear": "bear", "rabbit": "rabbit", "hare": "rabbit", "mouse": "mouse",
    "rat": "rat", "horse": "horse", "pony": "horse", "donkey": "donkey", "mule": "donkey", "cow": "cow", "bull": "ox",
    "ox": "ox", "oxen": "ox", "buffalo": "water-buffalo", "goat": "goat", "sheep": "ewe", "lamb": "ewe", "ram": "ram",
    "pig": "pig", "chicken": "chicken", "hen": "chicken", "rooster": "rooster", "duck": "duck", "goose": "goose",
    "swan": "swan", "bird": "bird", "crow": "blackbird", "raven": "blackbird", "sparrow": "bird", "parrot": "parrot",
    "owl": "owl", "eagle": "eagle", "hawk": "eagle", "dove": "dove", "pigeon": "dove", "peacock": "peacock",
    "elephant": "elephant", "camel": "camel", "monkey": "monkey", "snake": "snake", "cobra": "snake", "frog": "frog",
    "toad": "frog", "tortoise": "turtle", "turtle": "turtle", "crocodile": "crocodile", "fishes": "tropical-fish",
    "whale": "spouting-whale", "dolphin": "dolphin", "shark": "shark", "crab": "crab", "butterfly": "butterfly",
    "bee": "honeybee", "ant": "ant", "spider": "spider", "deer": "deer", "stag": "deer", "squirrel": "chipmunk",
    "dragon": "dragon", "unicorn": "unicorn", "penguin": "penguin", "bat (animal)": "bat",
}

# Nearest kind of thing, for a word neither the map nor an icon name knows: its last letters.
FAMILY_SUFFIXES: list[tuple[tuple[str, ...], str]] = [
    (("boat", "ship", "craft", "liner"), "sailboat"), (("car", "mobile", "cart", "wagon"), "automobile"),
    (("lamp", "light", "torch"), "diya-lamp"), (("bird", "hawk", "finch"), "bird"), (("fish",), "fish"),
    (("tree", "wood"), "deciduous-tree"), (("flower", "bloom"), "hibiscus"), (("book", "text"), "closed-book"),
    (("box", "case", "chest"), "package"), (("cloth", "wear", "robe", "gown"), "womans-clothes"),
    (("pot", "bowl", "cup", "jar", "ware"), "amphora"), (("knife", "blade"), "kitchen-knife"),
    (("phone",), "mobile-phone"), (("bag", "sack"), "handbag"), (("stone", "rock"), "rock"),
    (("food", "meal", "cake", "bread"), "pot-of-food"), (("gun", "rifle"), "water-pistol"),
]

LARGE = {"Travel & Places"}  # vehicles, buildings
SMALL_ANIMALS = {"mouse", "rat", "ant", "honeybee", "butterfly", "spider", "frog", "crab", "snail", "bird", "blackbird",
                 "chicken", "rooster", "duck", "dove", "parrot", "owl", "cat", "rabbit", "chipmunk", "hamster", "fox",
                 "hedgehog", "lizard", "snake", "turtle", "fish", "tropical-fish"}
BIG = {"automobile", "taxi", "delivery-truck", "articulated-lorry", "minibus", "sport-utility-vehicle", "bus",
       "pickup-truck", "locomotive", "tram", "airplane", "helicopter", "rocket", "flying-saucer", "canoe", "sailboat",
       "ship", "passenger-ship", "ferry", "motor-boat", "tractor", "fire-engine", "police-car", "ambulance", "tent",
       "elephant", "horse", "cow", "ox", "water-buffalo", "camel", "bed", "couch-and-lamp", "door", "bathtub",
       "deciduous-tree", "evergreen-tree", "palm-tree", "shopping-cart", "auto-rickshaw", "bicycle", "motorcycle",
       "motor-scooter", "bear", "lion", "tiger", "deer", "donkey", "ladder", "fountain", "snowman", "moai",
       "wood", "coffin", "chair", "seat", "window", "file-cabinet", "dragon", "unicorn", "manual-wheelchair"}


@dataclass(frozen=True)
class PropChoice:
    word: str  # what the script said
    icon: str  # the icon that draws it
    match: str  # "exact" (the map or the icon's name) | "substitute" (the nearest kind of thing)
    size: str  # "big" (stands on the ground, about figure height) | "medium" | "small" (held or on a table)

    @property
    def substitute(self) -> bool:
        return self.match == "substitute"


def size_of(icon: str, category: str) -> str:
    if icon in BIG:
        return "big"
    if category == "Animals & Nature" and icon not in SMALL_ANIMALS and "tree" not in icon:
        return "medium"
    if category in LARGE:
        return "medium"
    return "small"


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("oes", "o"), ("ves", "f"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"),
                         ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def _by_name(word: str, icons: IconSet) -> str | None:
    slug = word.replace(" ", "-")
    if slug in icons:
        return slug
    ends = [n for n in icons.names() if n.endswith("-" + slug)]
    starts = [n for n in icons.names() if n.startswith(slug + "-")]
    for group in (ends, starts):
        if group:
            return min(group, key=len)
    return None


def choose(word: str, icons: IconSet) -> PropChoice:
    """The icon for `word` (lower-case noun or short noun phrase); never None."""
    word = " ".join(word.lower().split())
    icon, match = None, "exact"
    tokens = word.split()
    # The whole phrase first, then its words from the head back ("boat glides" is still a boat).
    candidates = [word, _singular(word), *(form for t in reversed(tokens) for form in (t, _singular(t)))]
    for candidate in dict.fromkeys(candidates):
        icon = CURATED.get(candidate) if CURATED.get(candidate) in icons else None
        icon = icon or _by_name(candidate, icons)
        if icon:
            break
    if icon is None:
        match = "substitute"
        icon = next((fallback for suffixes, fallback in FAMILY_SUFFIXES
                     if word.endswith(suffixes) and fallback in icons), None)
    if icon is None:
        # Spelling is the last resort: "lanterns" ~ "lantern" already matched above, so this is a
        # guess that the report lists as a substitute for a person to review.
        close = difflib.get_close_matches(word, list(CURATED) + icons.names(), n=1, cutoff=0.0)
        pick = close[0] if close else "package"
        icon = CURATED.get(pick, pick) if CURATED.get(pick, pick) in icons else "package"
    return PropChoice(word, icon, match, size_of(icon, icons.icons[icon].category))


def vocabulary(icons: IconSet) -> set[str]:
    """Every word the library draws by meaning (curated words whose icon exists, plus the icons' names)."""
    return {w for w, i in CURATED.items() if i in icons} | {n.replace("-", " ") for n in icons.names()}
