"""Word lists the analysis matches against. Data only; the rules live in the analysis modules."""

from __future__ import annotations

FEMALE_WORDS = {
    "woman", "women", "girl", "lady", "mother", "mom", "mum", "mama", "amma", "maa", "grandmother",
    "grandma", "granny", "nani", "dadi", "daughter", "sister", "aunt", "auntie", "aunty", "wife",
    "granddaughter", "bride", "queen", "princess", "widow", "niece", "actress", "waitress", "heroine", "mistress",
    "nun", "priestess", "schoolgirl", "lass", "madam", "didi", "bibi",
}  # fmt: skip
MALE_WORDS = {
    "man", "men", "boy", "gentleman", "father", "dad", "papa", "baba", "grandfather", "grandpa",
    "dada", "son", "brother", "uncle", "husband", "groom", "king", "prince", "widower",
    "grandson", "nephew", "waiter", "hero", "monk", "priest", "schoolboy", "lad", "sir", "bhaiya",
    "fisherman", "boatman", "chap", "fellow", "guy",
}  # fmt: skip
# Honorifics written before a name, in English and in the languages stories borrow them from.
FEMALE_TITLES = {"mrs", "ms", "miss", "madam", "mme", "lady", "aunt", "auntie", "grandma", "queen", "sister",
                 "doña", "dona", "señora", "senora", "senhora", "signora", "frau", "madame", "mademoiselle",
                 "mlle", "begum", "memsahib", "dame", "granny", "nana", "grandmother", "mother", "mama"}  # fmt: skip
MALE_TITLES = {"mr", "sir", "lord", "uncle", "grandpa", "king", "brother", "master", "don", "señor",
               "senor", "senhor", "signor", "signore", "herr", "monsieur", "mister", "sahib",
               "grandfather", "father", "papa"}  # fmt: skip
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
MALE_PRONOUNS = {"he", "him", "his", "himself"}

SENIOR_WORDS = {
    "old", "elderly", "aged", "ancient", "grandmother", "grandfather", "grandma", "grandpa",
    "granny", "nani", "dadi", "retired", "widow", "widower", "wrinkled", "grey-haired",
    "gray-haired", "white-haired", "frail",
    "nainai", "yeye", "nanaji", "dadaji", "nanima", "dadima", "abuela", "abuelo", "grandparent",
    "grandparents", "granddad", "grandad", "gran", "nana", "retiring", "retirement", "pension",
}  # fmt: skip
CHILD_WORDS = {"child", "kid", "boy", "girl", "toddler", "baby", "schoolboy", "schoolgirl"}
TEEN_WORDS = {"teen", "teenager", "teenage", "adolescent", "youth", "apprentice"}
ADULT_WORDS = {"young woman", "young man", "adult", "middle-aged"}
# People nouns that "old" may describe; "old lamp" says nothing about anyone's age.
PERSON_NOUNS = (
    FEMALE_WORDS | MALE_WORDS
    | {"person", "keeper", "soul", "friend", "neighbour", "neighbor", "sailor", "farmer", "priest",
       "teacher", "doctor", "merchant", "woman", "man", "one", "storyteller", "vendor"}
)  # fmt: skip
# Kin, ranks and trades whose word says the gender, and the male/female names of animals.
FEMALE_WORDS |= {
    "stepmother", "stepsister", "stepdaughter", "godmother", "matriarch", "headmistress",
    "seamstress", "midwife", "housewife", "spinster", "duchess", "countess", "baroness",
    "goddess", "sorceress", "enchantress", "hostess", "stewardess", "governess", "abbess",
    "nanny", "ballerina", "crone", "hag",
}  # fmt: skip
MALE_WORDS |= {
    "stepfather", "stepbrother", "stepson", "godfather", "patriarch", "headmaster", "schoolmaster",
    "duke", "baron", "bachelor", "bridegroom", "friar", "abbot", "wizard", "sorcerer", "warlock",
}  # fmt: skip
# Animals named by their sex ("the mare", "a tomcat"): evidence of a creature's gender only; they
# are not people, so they neither introduce a speaker nor end a creature's description.
FEMALE_ANIMALS = {"mare", "ewe", "cow", "tigress", "heifer", "sow", "jenny", "nanny-goat"}
MALE_ANIMALS = {"stallion", "boar", "drake", "gander", "tomcat", "colt", "billy-goat", "gelding"}
SENIOR_WORDS |= {"great-aunt", "great-uncle", "matriarch", "patriarch", "crone", "hag", "pensioner",
                 "centenarian", "octogenarian", "nonagenarian", "septuagenarian", "greybeard",
                 "old-timer", "bent-backed", "toothless", "grey-bearded", "gray-bearded", "white-bearded",
                 "silver-haired", "white-headed", "grey-headed", "wizened"}  # fmt: skip
CHILD_WORDS |= {"infant", "youngster", "tot", "newborn", "kiddo", "schoolchild"}
MALE_WORDS |= {
    "nanaji",
    "dadaji",
    "abuelo",
    "yeye",
    "appa",
    "emperor",
    "sultan",
    "maharaja",
    "raja",
    "nawab",
    "butler",
    "postman",
    "milkman",
    "washerman",
    "ferryman",
    "rooster",
    "cockerel",
    "bull",
    "stag",
    "ram",
}
FEMALE_WORDS |= {
    "nanima",
    "dadima",
    "abuela",
    "nainai",
    "empress",
    "rani",
    "landlady",
    "maid",
    "witch",
    "lioness",
    "vixen",
    "hen",
    "mermaid",
}

# Roles people are called by in stories ("the captain said"): a role can name a character.
ROLE_NOUNS = {
    "captain", "shepherd", "blacksmith", "inspector", "detective", "commander", "cook", "nurse",
    "doctor", "teacher", "soldier", "guard", "knight", "poet", "minister", "merchant", "farmer",
    "hunter", "stranger", "traveller", "traveler", "woodcutter", "baker", "butcher", "tailor",
    "sailor", "pilot", "driver", "servant", "maid", "butler", "student", "officer", "judge",
    "witch", "wizard", "giant", "ghost", "fairy", "host", "guest", "landlord", "landlady", "chief",
    "elder", "postman", "gardener", "potter", "weaver", "washerman", "milkman", "shopkeeper",
    "innkeeper", "beggar", "thief", "robber", "sage", "rishi", "guru", "hermit", "pandit",
    "sergeant", "general", "emperor", "empress", "sultan", "maharaja", "rani", "raja", "nawab",
    "ferryman", "stationmaster", "conductor", "manager", "clerk", "boss", "neighbour", "neighbor",
    "grandchild", "cousin", "twin", "baby", "infant", "toddler", "youngster", "lad", "lass",
    "nanaji", "dadaji", "nanima", "dadima", "appa", "amma", "abuela", "abuelo", "nainai", "yeye",
    "actor", "headteacher", "caretaker", "janitor", "porter", "barber",
    # Trades and callings a story names people by ("the fado singer", "a master carpenter").
    "singer", "carpenter", "footballer", "dancer", "musician", "plumber", "electrician", "mechanic", "builder",
    "fishermen", "painter", "writer", "author", "drummer", "guitarist", "pianist", "violinist", "engineer",
    "scientist", "lawyer", "banker", "cashier", "chef", "hairdresser", "cobbler", "jeweller", "jeweler", "miner",
    "labourer", "laborer", "surgeon", "dentist", "vet", "pharmacist", "librarian", "reporter", "journalist",
    "photographer", "referee", "umpire", "steward", "courier", "hawker", "peddler", "imam", "rabbi", "shaman",
    "pensioner", "rider",
}  # fmt: skip
# Animals and other non-human speakers: the word is also the character's kind, for the illustrator.
CREATURES = {
    "fox", "vixen", "crow", "raven", "owl", "lion", "lioness", "mouse", "rat", "rabbit", "hare",
    "tortoise", "turtle", "monkey", "ape", "crocodile", "alligator", "wolf", "dragon", "robot",
    "android", "spider", "crane", "stork", "heron", "dog", "puppy", "cat", "kitten", "hen",
    "rooster", "cockerel", "chicken", "pig", "goat", "sheep", "lamb", "ram", "cow", "bull", "ox",
    "buffalo", "horse", "pony", "donkey", "mule", "elephant", "tiger", "leopard", "panther",
    "bear", "deer", "stag", "frog", "toad", "snake", "serpent", "cobra", "ant", "grasshopper",
    "bee", "butterfly", "eagle", "hawk", "falcon", "sparrow", "parrot", "peacock", "duck", "goose",
    "swan", "fish", "jackal", "camel", "squirrel", "bird", "cub", "calf", "whale", "dolphin",
    "shark", "octopus", "crab", "bat", "beetle", "snail", "worm", "mole", "hedgehog", "badger",
    "otter", "beaver", "kangaroo", "koala", "panda", "zebra", "giraffe", "hippo", "rhino",
    "gorilla", "chimpanzee", "lizard", "gecko", "pigeon", "dove", "magpie", "nightingale",
    "cricket", "firefly", "dragonfly", "gull", "seagull", "chick", "duckling", "kingfisher",
    "woodpecker", "hummingbird", "pelican", "flamingo", "vulture", "cuckoo", "wren", "lark", "finch",
    "mynah", "myna", "hornbill", "egret", "ibis", "hatchling", "fawn", "piglet", "gosling", "foal",
    "jaguar", "cheetah", "hyena", "mongoose", "porcupine", "raccoon", "weasel", "ferret",
    "scarecrow", "troll", "goblin", "elf", "dwarf", "genie",
    "baboon", "ostrich", "antelope", "yak", "llama", "alpaca", "penguin", "walrus", "moose", "elk", "reindeer", "bison",
    # Spirits of many traditions speak in stories as any creature does ("the spirit said").
    "spirit", "phantom", "spectre", "specter", "demon", "angel", "djinn", "jinn", "monster", "ogre",
    "aitu", "yokai", "banshee", "duppy", "taniwha", "kappa", "tengu", "rakshasa",
    "unicorn", "phoenix", "mermaid", "tree", "wind", "sun", "moon", "river", "mountain", "machine",
}  # fmt: skip
# Relations that say nothing of gender: "her roommate Sam" is someone else's roommate.
RELATION_NOUNS = {
    "roommate", "flatmate", "housemate", "classmate", "schoolmate", "teammate", "colleague", "coworker",
    "co-worker", "partner", "assistant", "employer", "employee", "companion", "mentor", "apprentice",
    "pupil", "tutor", "spouse", "sibling", "parent", "relative", "patient", "client", "customer",
    "passenger", "fiancé", "fiance", "boss", "friend", "neighbour", "neighbor", "cousin", "twin",
}  # fmt: skip
FEMALE_WORDS |= {"fiancée", "fiancee", "girlfriend", "tía", "tia"}
# Grandparents and aunts/uncles as other languages name them, used as a name or a title
# ("Everyone called her Obaachan", "Rukhsana Khala", "Nonno Beppe"). Words that are also common
# first names (Lola, Nan, Gogo) are left out.
SENIOR_FEMALE_KIN = {
    "obaachan", "obaasan", "baachan", "halmeoni", "halmoni", "nonna", "oma", "babushka", "yiayia",
    "teta", "sitti", "bubbe", "bubbie", "nanna", "ouma", "ajji", "paati", "ammamma", "mormor", "farmor",
    "abuelita", "vovó", "mamie", "granma",
}  # fmt: skip
SENIOR_MALE_KIN = {
    "ojiichan", "ojiisan", "jiichan", "harabeoji", "nonno", "opa", "dedushka", "pappous", "jiddo",
    "jeddo", "zayde", "oupa", "granda", "grandda", "thatha", "morfar", "farfar", "abuelito", "vovô",
}  # fmt: skip
AUNT_WORDS = {"khala", "mausi", "masi", "bua", "phuphi", "chachi", "mami", "tante", "zia", "khaleh", "ammi"}
UNCLE_WORDS = {"chacha", "chachu", "mamu", "mamaji", "khalu", "onkel", "zio"}
FEMALE_WORDS |= SENIOR_FEMALE_KIN | AUNT_WORDS
MALE_WORDS |= SENIOR_MALE_KIN | UNCLE_WORDS
SENIOR_WORDS |= SENIOR_FEMALE_KIN | SENIOR_MALE_KIN
FEMALE_TITLES |= SENIOR_FEMALE_KIN | AUNT_WORDS - {"ammi"}
MALE_TITLES |= SENIOR_MALE_KIN | UNCLE_WORDS
ROLE_NOUNS |= SENIOR_FEMALE_KIN | SENIOR_MALE_KIN | AUNT_WORDS | UNCLE_WORDS
MALE_WORDS |= {"boyfriend", "tío", "tio"}
FEMALE_TITLES |= {"tía", "tia"}
MALE_TITLES |= {"tío", "tio"}
# Kin words, honorifics and forms of address from more languages, as a name, a title before it
# ("Bà Lan", "Mzee Juma", "Pani Nowak") or after it ("Deniz Hanım", "Reza Agha"), or a vocative
# ("Noona, look"): Bengali, Swahili, Yoruba, Igbo, Arabic, Persian, Turkish, Polish, Korean,
# Vietnamese and Brazilian Portuguese. Words that are also English ("pan") or common first names
# ("Abi", "Nene") are left out; "babu" (a Swahili grandfather, a Bengali gentleman) says no age.
SENIOR_FEMALE_KIN |= {"thakuma", "thakurma", "dida", "didima", "babcia", "nnenne"}
SENIOR_MALE_KIN |= {"dadu", "thakurda", "dadubhai", "dziadek", "mzee", "dede"}
# Māori: a grandfather or elder man, an elder woman.
SENIOR_MALE_KIN |= {"koro", "koroua"}
SENIOR_FEMALE_KIN |= {"kuia"}
# Malayalam, Telugu, Tamil, Kannada; Filipino, Persian, Arabic, Turkish, Chinese (Hokkien, Cantonese), Spanish.
SENIOR_FEMALE_KIN |= {"ammachi", "ammumma", "achamma", "muthassi", "nanamma", "avva", "lola", "mamani", "bibi jaan",
                      "anneanne", "babaanne", "nenek", "ah ma", "ahma", "popo", "mamá grande"}  # fmt: skip
SENIOR_MALE_KIN |= {"appachan", "appooppan", "achachan", "muthashan", "thathayya", "ajja", "lolo", "baba bozorg",
                    "dedeh", "kakek", "ah gong", "agong", "gung gung", "jiddu"}  # fmt: skip
AUNT_WORDS |= {"mashi", "mashima", "pishi", "pishima", "teyze", "ciocia"}
UNCLE_WORDS |= {"kaku", "jethu", "amca", "wujek"}
FEMALE_HONORIFICS = {
    "bi", "bibi", "iya", "nne", "alhaja", "hajja", "hajjah", "umm", "khanum", "khanom", "khanoum", "hanım",
    "hanim", "abla", "pani", "bà", "cô", "chị", "ajumma", "noona", "nuna", "unnie", "eonni", "unni", "akka",
    "omma", "eomma", "mai",
}  # fmt: skip
MALE_HONORIFICS = {
    "bwana", "nna", "alhaji", "hajji", "haji", "abu", "agha", "aqa", "bey", "ağabey", "ông", "chú",
    "ajeossi", "ajusshi", "ahjussi", "oppa", "hyung", "seu", "babu", "mzee",
}  # fmt: skip
FEMALE_WORDS |= SENIOR_FEMALE_KIN | AUNT_WORDS | FEMALE_HONORIFICS
MALE_WORDS |= SENIOR_MALE_KIN | UNCLE_WORDS | MALE_HONORIFICS
FEMALE_TITLES |= SENIOR_FEMALE_KIN | AUNT_WORDS | FEMALE_HONORIFICS
MALE_TITLES |= SENIOR_MALE_KIN | UNCLE_WORDS | MALE_HONORIFICS
SENIOR_WORDS |= SENIOR_FEMALE_KIN | SENIOR_MALE_KIN
ROLE_NOUNS |= SENIOR_FEMALE_KIN | SENIOR_MALE_KIN | AUNT_WORDS | UNCLE_WORDS | {"regular", "patron"}
# Animals named by their sex are creatures too ("grunted the old sow"), and more such names.
FEMALE_ANIMALS |= {"peahen", "doe", "filly", "lioness", "vixen", "hen"}
MALE_ANIMALS |= {"peacock", "rooster", "cockerel", "ram", "bull", "stag", "bullock"}
# Not "jenny" (a donkey, and a first name) nor "doe": a speaker so named is a person.
CREATURES |= (FEMALE_ANIMALS | MALE_ANIMALS | {"warthog"}) - {"jenny", "doe"}
# How a reader pictures a speaker named only by a traditional role when the text never says
# ("the blacksmith said"): a fallback the breakdown reports as assumed, never evidence.
ROLE_PICTURED_GENDER = {
    **dict.fromkeys(
        ["blacksmith", "woodcutter", "knight", "soldier", "sailor", "hunter", "miller", "butcher",
         "carpenter", "lumberjack", "pirate", "sheriff", "farmer", "shepherd", "merchant", "captain",
         "guard", "sergeant", "general", "hermit", "sage", "rishi", "guru", "pandit", "giant", "thief",
         "robber", "stationmaster", "cobbler", "tailor", "potter", "weaver", "washerman", "boatman"],
        "male",
    ),
    **dict.fromkeys(["nurse", "fairy", "midwife"], "female"),
}  # fmt: skip
PERSON_NOUNS = PERSON_NOUNS | ROLE_NOUNS | FEMALE_WORDS | MALE_WORDS | RELATION_NOUNS | CHILD_WORDS | TEEN_WORDS
# Any common noun that can name a speaker: a person's role or a creature's kind.
SPEAKER_NOUNS = PERSON_NOUNS | CREATURES
# Non-human speakers whose name is a common noun also of places or things: only a speech tag
# ("said the river") makes them characters, never a mention.
CREATURE_NOT_PLACES = {"tree", "wind", "sun", "moon", "river", "mountain", "machine"}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# People and groups: never a prop, never a setting.
PEOPLE_WORDS = set(
    """
man men woman women boy girl child children kid kids people person crowd crowds family families
friend friends mother father brother sister son daughter wife husband baby grandmother grandfather
uncle aunt king queen prince princess grandson granddaughter grandchild grandchildren nephew niece
cousin parents lady gentleman stranger strangers someone everyone everybody nobody one ones others
other couple visitor visitors listener listeners peers fools herd flock animals creature creatures
figure figures villagers townsfolk onlookers audience passengers guests pilgrims devotees students
soldiers spectators shoppers mob throng neighbours neighbors keeper keepers fisher fisherman
fishermen farmer doctor nurse patient commander captain crew sailor sailors soldier guard guards
merchant vendor seller priest teacher student pupil master servant maid driver pilot officer police
policeman traveller traveler hero villain thief owner boss chief engineer accountant sheriff
prospector director accompanist champion miller schoolteacher ensign
""".split()
)
# Parts of a place and places themselves: the set is the background, not a prop.
SET_WORDS = set(
    """
room house home street road city town village kingdom sea ocean beach shore coast bank place world
country land ground floor wall walls ceiling corner corners side edge middle center centre front top
bottom end distance way path direction air sky horizon dark darkness shadow shadows shade doorway
hallway lounge yard aisle sand reef sandbank orchard orchards compound barbershop
""".split()
)
# Sounds, times, amounts and ideas: nothing a picture could stage or set a scene in.
ABSTRACT_WORDS = set(
    """
voice voices sound sounds noise silence song songs cry cries creak laughter music day night morning
evening afternoon dusk dawn noon midnight time moment moments minute minutes hour hours second
seconds week year years today tonight while past future holidays holiday anniversary thing things
something nothing anything everything lot lots bit kind sort part piece rest hundreds thousands
dozens sizes size price charge accounts orders lines luck chores meeting halt technology look looks
glance smile laugh nod gesture step steps pause beat word words story name idea thought riddle life
death love fear hope joy anger sadness memory dream dreams answer question reason truth surprise
scene act chapter cold heat wet grey ups ish speech fever thirst cracks lump tips beta poet poets
dust steam tide drift
""".split()
)
# Nouns that name no thing a picture could stage. Shared by the parser's object list and the
# illustrator's props.
NOT_THINGS = PEOPLE_WORDS | SET_WORDS | ABSTRACT_WORDS
# Parts of a body (people's and animals'): drawn with the figure, never staged as props. Not "heart"
# (a story can turn on one) nor "trunk" (a chest as often as an elephant's nose).
BODY_PARTS = set(
    """
hand hands arm arms finger fingers thumb thumbs fist fists head heads face faces eye eyes ear ears mouth lip lips
nose hair beard beards moustache mustache shoulder shoulders back foot feet toe toes leg legs knee knees body
breath chest skin tear tears cheek cheeks chin brow brows forehead waist hip hips rib ribs belly stomach
neck throat wrist wrists elbow elbows ankle ankles palm palms teeth tooth tongue fingernails nails knuckles plait
plaits braid braids lap
beak tail tails paw paws wing wings claw claws fur feather feathers whisker whiskers horn horns tusk tusks
mane snout muzzle hoof hooves fin fins
""".split()
)
SEASONS = {"spring", "summer", "autumn", "winter", "springs", "summers", "autumns", "winters",
           "mornings", "afternoons", "evenings", "nights", "weekends"}  # fmt: skip
DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
           "seventies": 70, "eighties": 80, "nineties": 90, "teens": 10}  # fmt: skip

CLOTHING = {
    "raincoat", "coat", "overcoat", "jacket", "shirt", "t-shirt", "blouse", "dress", "gown", "skirt",
    "trousers", "pants", "jeans", "shorts", "suit", "tie", "scarf", "shawl", "hat", "cap", "beret",
    "helmet", "boots", "shoes", "sandals", "slippers", "sweater", "jumper", "cardigan", "hoodie",
    "uniform", "apron", "robe", "cloak", "cape", "vest", "waistcoat", "gloves", "mittens",
    "saree", "sari", "kurta", "dhoti", "lungi", "salwar", "dupatta", "sherwani", "turban",
    "pagri", "lehenga", "bindi", "bangles", "kimono", "yukata", "hakama", "hanbok", "qipao",
    "cheongsam", "hijab", "abaya", "thobe", "kaftan", "keffiyeh", "burqa", "dashiki", "kente",
    "poncho", "sombrero", "overalls", "pyjamas", "pajamas", "nightgown", "oilskin", "parka",
    "spectacles", "glasses", "veil", "headscarf", "necklace", "earrings",
}  # fmt: skip

LANGUAGE_NAMES = {
    "english": "en", "hindi": "hi", "spanish": "es", "french": "fr", "german": "de", "italian": "it",
    "portuguese": "pt", "arabic": "ar", "japanese": "ja", "chinese": "zh", "mandarin": "zh",
    "korean": "ko", "russian": "ru", "bengali": "bn", "tamil": "ta", "telugu": "te", "urdu": "ur",
    "marathi": "mr", "gujarati": "gu", "punjabi": "pa", "swahili": "sw", "turkish": "tr",
    "persian": "fa", "farsi": "fa", "hebrew": "he", "greek": "el", "dutch": "nl", "polish": "pl",
    "sanskrit": "sa", "nepali": "ne", "vietnamese": "vi", "thai": "th", "indonesian": "id",
}  # fmt: skip

# Each entry is lower case; multi-word entries match as phrases.
CULTURE_WORDS: dict[str, set[str]] = {
    "indian": {
        "diya", "diyas", "saree", "sari", "varanasi", "banaras", "benares", "kashi", "ghat", "ghats",
        "ganga", "ganges", "temple bells", "rangoli", "namaste", "diwali", "holi", "sloka", "shloka",
        "chai", "masala", "kurta", "dhoti", "aarti", "puja", "pooja", "mandir", "bindi", "sitar",
        "tabla", "mumbai", "delhi", "kolkata", "chennai", "jaipur", "lucknow", "agra", "kerala",
        "rickshaw", "samosa", "chapati", "roti", "ji", "amma", "nani", "dadi",
        "bhaiya", "didi", "marigold", "marigolds", "mantra", "dupatta", "ashram",
        "lassi", "paan", "dal", "monsoon", "bollywood", "rupee", "rupees", "sandalwood", "tulsi",
    },
    "middle_eastern": {
        "mosque", "souk", "desert", "minaret", "muezzin", "bazaar", "caravan", "oasis", "dune",
        "dunes", "hijab", "abaya", "keffiyeh", "thobe", "cairo", "baghdad", "damascus", "beirut",
        "dubai", "riyadh", "tehran", "istanbul", "amman", "marrakesh", "ramadan", "eid", "inshallah",
        "salaam", "habibi", "falafel", "hummus", "baklava", "camel", "camels", "hookah", "arabic",
        "ahmed", "mohammed", "muhammad", "fatima", "omar", "yusuf", "layla", "hassan", "karim",
        "amir", "aisha", "khalid", "zainab", "tariq", "samir", "rashid", "nour", "yasmin",
    },
    "east_asian": {
        "kimono", "yukata", "shrine", "torii", "tokyo", "kyoto", "osaka", "sakura", "cherry blossom",
        "tatami", "sushi", "ramen", "samurai", "shogun", "geisha", "pagoda", "lantern festival",
        "beijing", "shanghai", "hong kong", "seoul", "busan", "hanbok", "kimchi", "dumplings",
        "chopsticks", "tea ceremony", "bonsai", "origami", "sensei", "obaachan", "haiku",
        "hiroshi", "yuki", "kenji", "haruto", "min-jun", "qipao",
    },
    "african": {
        "savanna", "savannah", "baobab", "kente", "dashiki", "lagos", "nairobi", "accra", "kampala",
        "addis ababa", "dakar", "serengeti", "kilimanjaro", "swahili", "jollof", "ubuntu", "djembe",
        "griot", "harmattan", "acacia", "sahel", "zulu", "yoruba", "maasai", "mama africa",
    },
    "latin": {
        "abuela", "abuelo", "mercado", "fiesta", "tortilla", "tortillas", "tamales",
        "mariachi", "poncho", "sombrero", "mexico", "havana", "bogota", "bogotá", "buenos aires",
        "samba", "día de los muertos", "dia de los muertos",
        "señor", "señora", "senor", "senora", "cantina", "piñata", "pinata", "empanadas", "quinceañera",
    },
}  # fmt: skip

MOOD_WORDS: dict[str, set[str]] = {
    "joyful": {
        "laugh", "laughs", "laughed", "laughing", "smile", "smiles", "smiled", "celebrate",
        "celebration", "festival", "dance", "dances", "danced", "dancing", "joy", "happy", "cheer",
        "cheers", "sing", "sings", "singing", "sang", "bright", "delight", "glee", "party", "hug",
        "hugs", "wonderful", "beautiful", "giggle", "giggles",
    },
    "tense": {
        "scream", "screams", "run", "runs", "running", "ran", "storm", "danger", "dangerous", "gun",
        "knife", "fear", "hurry", "urgent", "shout", "shouts", "shouted", "crash", "crashes",
        "slam", "slams", "chase", "threat", "panic", "alarm", "fight", "fights", "blood", "now!",
        "quick", "quickly", "trapped", "explodes", "explosion", "thunder", "racing",
    },
    "sad": {
        "cry", "cries", "cried", "crying", "tears", "tear", "grief", "grieve", "funeral", "died",
        "dead", "death", "miss", "missed", "alone", "lost", "mourn", "sorrow", "goodbye",
        "farewell", "weep", "weeps", "wept", "empty", "lonely", "gone", "grave", "ashes",
    },
    "mysterious": {
        "fog", "mist", "shadow", "shadows", "strange", "whisper", "whispers", "whispered", "mystery",
        "secret", "unknown", "silence", "silent", "ghost", "dark", "darkness", "flicker",
        "flickers", "flickering", "hidden", "eerie", "creak", "creaks", "stranger", "moonlight",
        "footsteps", "vanished", "who's there", "signal", "strangely",
    },
}  # fmt: skip

# Parenthetical / speech-verb words -> line emotion.
EMOTION_CUES: dict[str, set[str]] = {
    "angry": {"angry", "angrily", "furious", "shouting", "shouts", "shouted", "yelling", "yelled",
              "snapped", "snaps", "growled", "growls", "barked", "hissed", "seething", "bitter",
              "bitterly", "through gritted teeth", "rage"},
    "sad": {"sad", "sadly", "crying", "cries", "cried", "sobbing", "sobbed", "tearful", "tearfully",
            "sighs", "sighed", "sighing", "mournful", "grieving", "choked", "wept", "quietly sad",
            "heartbroken", "lonely"},
    "happy": {"happy", "happily", "laughing", "laughs", "laughed", "excited", "excitedly",
              "cheerful", "cheerfully", "grinning", "grins", "smiling", "smiles", "beaming",
              "delighted", "giggling", "giggled", "chuckling", "chuckled", "joyfully", "brightly"},
    "surprised": {"surprised", "surprise", "gasps", "gasped", "gasping", "shocked", "astonished",
                  "amazed", "stunned", "startled", "incredulous", "in disbelief", "wide-eyed"},
    "afraid": {"afraid", "scared", "terrified", "frightened", "trembling", "nervous", "nervously",
               "whimpered", "whimpers", "panicked", "anxious", "anxiously", "fearful", "shaking",
               "stammered", "stammers", "uneasy"},
    "tender": {"softly", "gently", "tenderly", "lovingly", "warmly", "whispering", "whispers",
               "whispered", "murmured", "murmurs", "fondly", "kindly", "soothing", "sweetly",
               "affectionately", "hushed"},
}  # fmt: skip

TIME_WORDS: dict[str, set[str]] = {
    "dawn": {"dawn", "sunrise", "daybreak", "first light", "daylight breaks", "early morning",
             "cockcrow", "sun rose", "sun rises"},
    "day": {"morning", "noon", "midday", "afternoon", "daytime", "sunshine", "sunlit", "lunch",
            "breakfast", "day"},
    "dusk": {"dusk", "sunset", "evening", "twilight", "sundown", "sun set", "sun sets", "aarti",
             "golden hour"},
    "night": {"night", "midnight", "moon", "moonlight", "moonlit", "stars", "starlight",
              "darkness", "dark", "tonight", "lamps", "candlelight", "nightfall"},
}  # fmt: skip

# Place nouns for prose scenes: True = interior, False = exterior.
PLACES: dict[str, bool] = {
    "kitchen": True, "room": True, "bedroom": True, "house": True, "home": True, "hall": True,
    "office": True, "studio": True, "classroom": True, "library": True, "shop": True,
    "store": True, "cafe": True, "café": True, "restaurant": True, "temple": True, "church": True,
    "mosque": True, "shrine": False, "lighthouse": True, "attic": True, "cellar": True,
    "hospital": True, "train": True, "car": True, "hut": True, "palace": True, "corridor": True,
    "ghat": False, "ghats": False, "river": False, "riverbank": False, "beach": False,
    "shore": False, "sea": False, "ocean": False, "street": False, "road": False, "lane": False,
    "market": False, "bazaar": False, "souk": False, "garden": False, "field": False, "fields": False,
    "forest": False, "woods": False, "mountain": False, "hill": False, "village": False,
    "square": False, "courtyard": False, "roof": False, "rooftop": False, "desert": False,
    "park": False, "harbour": False, "harbor": False, "bridge": False, "cliff": False,
    "boat": False, "balcony": False, "platform": False, "station": True,
    # More places stories are set in (the same interior/exterior sense).
    "castle": True, "mill": True, "barn": True, "stable": True, "cottage": True, "cabin": True,
    "tent": True, "cave": True, "den": True, "apartment": True, "bakery": True,
    "school": True, "farmhouse": True, "inn": True, "tavern": True, "saloon": True, "galley": True,
    "greenhouse": True, "boathouse": True, "workshop": True, "museum": True, "court": True,
    "throne": True, "manor": True, "ward": True, "hillside": False,
    "meadow": False, "canal": False, "lanes": False, "jetty": False, "pier": False, "dock": False,
    "deck": False, "ship": False, "farm": False, "farmyard": False, "orchard": False,
    "valley": False, "pond": False, "lake": False, "porch": False, "camp": False,
    "mercado": False, "jungle": False, "savanna": False, "island": False, "graveyard": False,
    # Settings any story may name (general English, not one corpus story's word).
    "hallway": True, "stairwell": True, "lobby": True, "foyer": True, "parlour": True, "parlor": True,
    "bathroom": True, "nursery": True, "pantry": True, "basement": True, "loft": True, "garage": True,
    "warehouse": True, "factory": True, "barbershop": True, "salon": True, "pharmacy": True,
    "clinic": True, "laboratory": True, "observatory": True, "theatre": True, "theater": True,
    "cinema": True, "backstage": True, "hotel": True, "motel": True, "hostel": True, "diner": True,
    "pub": True, "canteen": True, "cafeteria": True, "dormitory": True, "courtroom": True,
    "prison": True, "jail": True, "chapel": True, "monastery": True, "abbey": True, "convent": True,
    "cathedral": True, "synagogue": True, "dungeon": True, "tower": True, "spaceship": True,
    "cockpit": True, "bus": True, "tram": True, "compartment": True, "airport": True, "gym": True,
    "laundromat": True, "launderette": True, "terminus": False, "fale": True, "clubhouse": True, "car park": False,
    "yard": False, "backyard": False, "schoolyard": False, "playground": False, "alley": False,
    "alleyway": False, "quay": False, "wharf": False, "waterfront": False, "seashore": False,
    "riverside": False, "seafront": False, "promenade": False, "terrace": False, "patio": False,
    "veranda": False, "verandah": False, "pasture": False, "paddock": False, "prairie": False,
    "ranch": False, "vineyard": False, "grove": False, "glade": False, "swamp": False, "marsh": False,
    "tundra": False, "glacier": False, "snowfield": False, "volcano": False, "crossroads": False,
    "highway": False, "ferry": False, "dockyard": False, "shipyard": False, "marina": False,
    "lagoon": False, "cove": False, "waterfall": False, "cemetery": False, "churchyard": False,
    "campsite": False, "campus": False, "plaza": False, "piazza": False, "boulevard": False,
    "avenue": False, "marketplace": False, "fairground": False, "stadium": False, "flat": True,
}  # fmt: skip

# Capitalised words that start sentences or clauses but are never speaker names.
NOT_NAMES = {
    "The", "A", "An", "And", "But", "Or", "So", "Then", "When", "While", "As", "After", "Before",
    "Now", "Still", "Yet", "Finally", "Suddenly", "Later", "Soon", "Once", "If", "Because", "At",
    "In", "On", "By", "With", "Without", "For", "From", "To", "Into", "Of", "It", "Its", "This",
    "That", "These", "Those", "There", "Here", "He", "She", "They", "We", "You", "I", "His", "Her",
    "Their", "Our", "My", "Your", "Yes", "No", "Oh", "Ah", "Well", "Just", "Only", "Even", "Again",
    "Somewhere", "Everyone", "Nobody", "Someone", "Something", "Nothing", "What", "Who", "Why",
    "How", "Where", "Which", "Chapter", "Scene", "Part", "Slowly", "Quietly", "Softly",
    # Sentence openers that are not names either ("One stormy night", "Next door lived").
    "One", "Next", "Last", "First", "Every", "Each", "Across", "Behind", "Outside", "Inside",
    "Above", "Below", "Beside", "Nearby", "Everybody", "Tonight", "Today", "Tomorrow",
    # Place openers ("Up in the rafters the cat ...", "Down by the river").
    "Up", "Down", "Over", "Under", "Beneath", "Near", "Along", "Among", "Through", "Far", "Back",
}  # fmt: skip
