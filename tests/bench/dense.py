# A corpus as dense in items as the seeds: slide transcripts as sharing
# sites print them (site chrome, numbered slides, every bullet said
# twice), whose slides are goals, challenges and dated steps, and now and
# then a page of running text with dates in it.  Written from word lists
# of our own, deterministically.
#
#   python3 dense.py DIR FILES BYTES: FILES transcripts of about BYTES each
import random
import sys

random.seed(20261130)

places = "Nordre Søndre Vestre Østre Indre Ytre Midtre Øvre Nedre".split()
towns = "dal fjord vik nes berg lia haug sund mo strand".split()
subjects = ("samarbeidet tjenestene barnevernet oppfølgingen veiledningen "
            "rekrutteringen kompetansen rutinene internkontrollen "
            "foreldrestøtten tiltakene dokumentasjonen").split()
verbs_goal = ("styrke bedre utvikle sikre øke etablere forbedre "
              "videreutvikle").split()
objects = ("samarbeidet mellom kommunene", "kvaliteten i tjenestene",
           "kompetansen hos de ansatte", "oppfølgingen av fosterhjem",
           "rutinene for meldinger", "dialogen med familiene",
           "det tverrfaglige arbeidet", "bruken av digitale verktøy",
           "tilbudet til barn og unge", "ledelsen av tjenesten")
problems = ("Mangel på tid og ressurser", "Høy turnover blant ansatte",
            "Uklare roller mellom kommunene", "Lange avstander i regionen",
            "Lite felles dokumentasjon", "Svak forankring hos ledelsen",
            "For få fagfolk med erfaring", "Ulike rutiner i hver kommune",
            "Risiko for at arbeidet stopper opp", "Utfordringer med rekruttering")
steps = ("Oppstartsmøte for alle kommunene", "Første samling i nettverket",
         "Kartlegging av dagens praksis", "Felles plan vedtas",
         "Evaluering av arbeidet", "Sluttrapport legges fram",
         "Kurs for nye ansatte", "Ny rutine tas i bruk",
         "Pilot i tre kommuner", "Avslutning av prosjektet")
months = ("januar februar mars april mai juni juli august september "
          "oktober november desember").split()
seasons = "Våren Høsten Vinteren Sommeren".split()
goal_titles = ("Mål for nettverket", "Målsetting", "Hovedmål", "Delmål",
               "Effektmål", "Formål med samarbeidet")
pit_titles = ("Utfordringer", "Hovedutfordringer", "Fallgruver",
              "Hva kan gå galt?", "Risiko")
step_titles = ("Fremdriftsplan", "Tidsplan", "Milepæler", "Veien videre",
               "Plan for 2025–2027")
filler = ("Presentasjon av arbeidet", "Om prosjektet", "Kontaktpersoner",
          "Erfaringer så langt", "Spørsmål og svar")


def place():
    return random.choice(places) + random.choice(towns)


def date():
    y = random.randint(2024, 2027)
    r = random.random()
    if r < 0.4:
        return f"{random.randint(1, 28)}. {random.choice(months)} {y}"
    if r < 0.7:
        return f"{random.choice(months).capitalize()} {y}"
    if r < 0.9:
        return f"{random.choice(seasons)} {y}"
    return f"Innen {random.choice(months)} {y}"


def goal():
    r = random.random()
    v, o = random.choice(verbs_goal), random.choice(objects)
    if r < 0.4:
        return f"{v.capitalize()} {o}"
    if r < 0.7:
        return f"Kommunene skal {v} {o}"
    return f"Målet er å {v} {o} i {place()}"


def slide(n):
    r = random.random()
    if r < 0.3:
        title, items = random.choice(goal_titles), [goal() for _ in range(random.randint(3, 6))]
    elif r < 0.5:
        title, items = random.choice(pit_titles), random.sample(problems, random.randint(3, 5))
    elif r < 0.8:
        title = random.choice(step_titles)
        items = [f"{date()}: {random.choice(steps)}" for _ in range(random.randint(3, 6))]
    else:
        title = random.choice(filler)
        items = [f"{random.choice(subjects).capitalize()} i {place()} ble "
                 f"gjennomgått {date().lower()}" for _ in range(random.randint(2, 4))]
    text = " ".join(f"{b} {b}" for b in items)
    return f"{n} {title} {text}\n\n"


def page():
    s = []
    for _ in range(random.randint(3, 6)):
        r = random.random()
        if r < 0.4:
            s.append(f"{date().capitalize()} startet arbeidet med {random.choice(objects)}.")
        elif r < 0.7:
            s.append(f"Målet er å {random.choice(verbs_goal)} {random.choice(objects)}.")
        else:
            s.append(f"{random.choice(problems)} er en utfordring for {place()}.")
    return " ".join(s) + "\n\n"


out_dir, files, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for d in range(files):
    name = f"Samarbeid i {place()} {2024 + d % 4}"
    out = ["Presentasjon lastes. Vennligst vent\n\n",
           "Presentasjon lastes. Vennligst vent\n\n",
           f"{name}\n\nLiknende presentasjoner\n\n",
           f'Presentasjon om: "{name}"— Utskrift av presentasjonen:\n\n',
           f"1 {name}\n\n"]
    total, n = 0, 1
    while total < size:
        n += 1
        piece = slide(n) if random.random() < 0.85 else f"{n} " + page()
        out.append(piece)
        total += len(piece.encode())
    out.append(f'Laste ned ppt "{name}"\n\nAnnonser fra Google\n')
    with open(f"{out_dir}/d{d:02}.txt", "w", encoding="utf-8") as f:
        f.write("".join(out))
