"""What the coach desk says to coaches, in French: labels of cases, refusals, helps."""

REASONS_FR = {
    "crisis": "CRISE",
    "citizen_request": "demande de la personne",
    "repeated_misunderstanding": "incompréhensions répétées",
    "no_progress": "pas de progrès",
    "welfare_check": "sans nouvelles après une alerte",
}
STATUS_FR = {"open": "en attente", "taken": "pris en charge"}

NOT_YOURS = ("Ce dossier est suivi par un·e collègue : vos messages ici restent entre coachs "
             "et ne sont pas transmis à la personne.")
OTHER_RELAIS = "Ce dossier relève d'un autre relais : vous ne pouvez pas agir dessus."
RELAY_WAITING_NOTE = (" Un message de la personne n'a pas encore pu être transmis dans le sujet "
                      "du dossier : il le sera dès que possible.")
RELAY_REFUSED_NOTE = (" Un message de la personne n'a pas pu être transmis dans le sujet du "
                      "dossier (sujet supprimé ?) : lisez la conversation.")
NO_CASES = "Aucun dossier ouvert ou pris en charge."
CASES_HEADING = "Dossiers en cours"
NO_RELAIS = "relais non déterminé"

# The Telegram desk.
IN_A_CASE_TOPIC = "Cette commande s'utilise dans le sujet d'un dossier."
TAKE_FIRST = ("Prenez d'abord le dossier en charge (bouton « Prendre en charge ») pour écrire à "
              "la personne.")
ACTION_IMPOSSIBLE = "Action impossible ici."
TAKEN_BY_YOU = "C'est à vous."
TAKEN_ALREADY = "Déjà pris en charge par un·e collègue."
HOLDER_CLOSES = "Seule la personne qui a pris le dossier peut le clore."
CLOSED = "Dossier clos."
UNKNOWN_ACTION = "Action inconnue."

# The terminal desk.
TERMINAL_NOT_A_COACH = ("Vous n'êtes dans aucune liste de coachs (directory/relais.yml) : "
                        "aucune action possible.")
TERMINAL_TEXT_GOES_TO_CITIZEN = "Tout autre texte est envoyé à la personne du dossier que vous avez pris."
TERMINAL_TAKE_FIRST = "Prenez d'abord un dossier (« prendre N »). "
