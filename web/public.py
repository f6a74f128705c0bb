"""What anyone may see of a territory, without signing in: its page (counts per theme and per
status, a count under 11 shown « moins de 11 »; the published items, masked; what was done) and
its CSV export (the published items only, masked, without any id of the citizen). What may be
shown is decided in relais/ (UnitDesk.public_report, UnitDesk.open_data); here it is rendered."""

import csv
import io

from flask import Blueprint, abort, render_template
from werkzeug.wrappers import Response

from relais.models import GRIEVANCE_STATUSES
from relais.territories import Territory
from web.context import desk, places

blueprint = Blueprint("public", __name__)

# The columns of UnitDesk.open_data's rows, in the export's order (a row with another key fails
# loudly in DictWriter rather than leaving a column out).
OPEN_DATA_COLUMNS = ("reference", "type", "theme", "commune", "code_postal", "statut", "texte",
                     "reponse", "cree_le", "mis_a_jour_le")
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): such a
# cell gets a leading apostrophe, as OWASP advises. Citizens' texts are free text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@blueprint.get("/public/<kind>/<code>")
def territory_page(kind: str, code: str) -> str:
    territory = _existing(kind, code)
    report = desk().public_report(territory)
    by_status = sorted(report.by_status, key=lambda pair: GRIEVANCE_STATUSES.index(pair[0])
                       if pair[0] in GRIEVANCE_STATUSES else len(GRIEVANCE_STATUSES))
    return render_template("public.html", rapport=report, par_statut=by_status, kind=kind, code=code)


@blueprint.get("/public/<kind>/<code>.csv")
def territory_csv(kind: str, code: str) -> Response:
    territory = _existing(kind, code)
    buffer = io.StringIO()
    # A byte order mark first: spreadsheets then read the accents as UTF-8.
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=OPEN_DATA_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in desk().open_data(territory):
        writer.writerow({key: _inert(value) for key, value in row.items()})
    filename = f"doleances-{kind}-{code}.csv"
    return Response(buffer.getvalue(), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _existing(kind: str, code: str) -> Territory:
    territory = Territory(kind, code)
    if not places().exists(territory):
        abort(404)
    return territory


def _inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
