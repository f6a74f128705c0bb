

def test_an_emergency_number_is_a_departement_only_when_said_as_one():
    # Persona round 102: « je ne veux pas déranger le 15 » got the Cantal's breakdown line.
    from relais.geography import departement_named
    assert departement_named("Je ne veux pas déranger le 15 pour un mal de tête") is None
    assert departement_named("j'habite dans le 15").code == "15"
