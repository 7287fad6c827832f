"""Who is who in constructions the plain subject/object rules miss: copulas, raising, control, purpose clauses,
reciprocal compounds, light verbs, and phrases a named country owns."""

from __future__ import annotations

import pytest
from nlp_helpers import codes, events_of, find, top_event, top_of

from streams.nlp import Extractor


def test_the_country_us_is_no_pronoun(extractor: Extractor) -> None:
    event = find(events_of(extractor, "The US imposed sanctions on Venezuela."), "SANCTION")
    assert codes(event.source) == {"USA"}
    # ... while the pronoun "us" stays a pronoun, not the United States.
    quoted = events_of(extractor, '"They attacked us at dawn," a villager in Mali said.')
    assert all("USA" not in codes(e.source) | codes(e.target) for e in quoted)


@pytest.mark.parametrize(
    ("text", "category", "source"),
    [
        ("Japan is willing to provide emergency aid to Nepal.", "AID", {"JPN"}),  # copula + adjective
        ("Seoul is expected to sign a trade agreement with Hanoi next week.", "AGREE", {"KOR"}),  # raising
        ("Britain sent a team of engineers to Lebanon to help the army repair its bases.", "AID", {"GBR"}),  # purpose
    ],
)
def test_subject_reaches_embedded_verbs(extractor: Extractor, text: str, category: str, source: set[str]) -> None:
    events = [e for e in events_of(extractor, text) if e.event == category]
    assert events, text
    assert all(codes(e.source) == source for e in events), [(e.lemma, e.source) for e in events]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The NATO alliance agreed to expand its mission in Iraq.", "IGO"),
        ("Chinese hackers attacked the networks of the Indian power grid.", "CHN"),
    ],
)
def test_unknown_words_owned_by_a_country_are_its_actors(extractor: Extractor, text: str, code: str) -> None:
    top = top_of(extractor, text)
    assert code in codes(top.source)


def test_owned_thing_as_target(extractor: Extractor) -> None:
    event = find(events_of(extractor, "Warplanes bombed 40 Syrian villages overnight."), "ASSAULT")
    assert codes(event.target) == {"SYR"}


@pytest.mark.parametrize(
    ("text", "category", "target"),
    [
        ("North Korea threatened to shell South Korean border posts.", "THREATEN", "KOR"),
        ("Hungary refused to join the NATO exercises in Poland.", "REJECT", "IGO"),
        ("Canada offered to send doctors to Haiti.", "AGREE", "HTI"),
    ],
)
def test_control_verbs_take_the_embedded_acts_target(
    extractor: Extractor, text: str, category: str, target: str
) -> None:
    event = find(events_of(extractor, text), category)
    assert target in codes(event.target)


def test_reciprocal_compound_acts_on_each_other(extractor: Extractor) -> None:
    event = find(events_of(extractor, "Armenia and Azerbaijan agreed to a ceasefire on Sunday."), "AGREE")
    assert codes(event.source) == codes(event.target) == {"ARM", "AZE"}
    assert event.reciprocal
    # A one-sided act is not reciprocal.
    one_sided = find(events_of(extractor, "Armenia and Azerbaijan condemned Iran."), "DISAPPROVE")
    assert codes(one_sided.target) == {"IRN"} and not one_sided.reciprocal


@pytest.mark.parametrize(
    ("text", "category", "parties"),
    [
        # An uncoded party, or two bodies with one code, still act on each other.
        ("Ukraine and the separatist rebels agreed to a prisoner exchange.", "AGREE", ["Ukraine", "separatist rebels"]),
        ("The European Parliament and the EU Council reached agreement on the law.", "AGREE",
         ["European Parliament", "EU Council"]),
        # Coordination inside an 'of' phrase names one actor per country.
        ("The foreign ministers of Russia and Turkey met in Moscow.", "CONSULT", ["foreign ministers of Russia",
                                                                                 "Turkey"]),
    ],
)
def test_any_two_parties_to_a_mutual_act_target_each_other(
    extractor: Extractor, text: str, category: str, parties: list[str]
) -> None:
    event = find(events_of(extractor, text), category)
    assert [a.actorText for a in event.source] == parties
    assert event.reciprocal and event.target == event.source


@pytest.mark.parametrize("body", ["Mercosur", "the Eurasian Economic Union", "the CSTO", "UNRWA", "the OIC"])
def test_organisations_of_the_last_decade_are_igos(extractor: Extractor, body: str) -> None:
    event = find(events_of(extractor, f"India and {body} signed a trade agreement on Monday."), "AGREE")
    assert codes(event.source) == codes(event.target) == {"IND", "IGO"}


def test_coordinated_of_phrase_shares_the_heads_sector(extractor: Extractor) -> None:
    event = find(events_of(extractor, "The armies of Brazil and Argentina held joint exercises."), "COOPERATE")
    assert [(a.code, a.sector) for a in event.source] == [("BRA", "MIL"), ("ARG", "MIL")]


def test_a_section_of_a_group_is_that_group(extractor: Extractor) -> None:
    text = "Government officials and a section of the Sudan People's Liberation Army agreed to talks."
    event = find(events_of(extractor, text), "AGREE")
    assert ("Sudan People's Liberation Army", "SSD") in [(a.actorText, a.code) for a in event.source]


def test_light_verb_recipient_is_the_target(extractor: Extractor) -> None:
    event = find(events_of(extractor, "The French president gave Putin a stern warning on Monday."), "THREATEN")
    assert codes(event.source) == {"FRA"}
    assert codes(event.target) == {"RUS"}


def test_material_acts_target_the_country_where_they_happen(extractor: Extractor) -> None:
    strikes = find(events_of(extractor, "French troops carried out air strikes in Mali on Sunday."), "FIGHT")
    assert codes(strikes.source) == {"FRA"} and codes(strikes.target) == {"MLI"}
    aid = find(events_of(extractor, "A Kenyan medical team arrived in Somalia to help deliver vaccines."), "AID")
    assert codes(aid.target) == {"SOM"}
    # Where a meeting is held is no party to it.
    meeting = find(events_of(extractor, "The Iraqi minister met his Turkish counterpart in Geneva."), "CONSULT")
    assert "CHE" not in codes(meeting.target)


def test_based_and_led_own_a_group_backed_does_not(extractor: Extractor) -> None:
    based = find(events_of(extractor, "Pakistan-based groups have launched attacks against India."), "FIGHT")
    assert codes(based.source) == {"PAK"}
    backed = find(events_of(extractor, "US-backed rebels attacked the town."), "ASSAULT")
    assert "USA" not in codes(backed.source)


def test_noun_trigger_under_a_measure_takes_the_verbs_subject(extractor: Extractor) -> None:
    text = "The Japanese government announced $33 million in emergency assistance on Monday."
    assert codes(find(events_of(extractor, text), "AID").source) == {"JPN"}


def test_coordinated_adjectives_name_several_actors(extractor: Extractor) -> None:
    event = find(events_of(extractor, "Iraqi and Turkish ministers met in Geneva."), "CONSULT")
    assert codes(event.source) == {"IRQ", "TUR"}
    assert event.reciprocal


def test_people_without_a_country_take_the_place_of_a_material_act(extractor: Extractor) -> None:
    attack = find(events_of(extractor, "Gunmen killed five police officers in eastern Afghanistan."), "ASSAULT")
    assert codes(attack.target) == {"AFG"}
    # Troops deployed somewhere are not that country's: the place is the target.
    deployed = find(events_of(extractor, "The Pentagon deployed 200 soldiers in Syria."), "MOBILIZE")
    assert codes(deployed.source) == {"USA"} and codes(deployed.target) == {"SYR"}
    assert [a.actorText for a in deployed.target] == ["Syria"]


def test_subjects_of_gerunds_and_compound_noun_triggers(extractor: Extractor) -> None:
    donating = find(events_of(extractor, "China continued its efforts by donating vaccines to Peru."), "AID")
    assert codes(donating.source) == {"CHN"}
    mediation = find(events_of(extractor, "The Norwegian government began mediation efforts on Monday."), "CONSULT")
    assert codes(mediation.source) == {"NOR"}


def test_noun_describing_clauses_rank_below_the_main_act(extractor: Extractor) -> None:
    events = events_of(extractor, "Syrian troops backed by Russian jets attacked Turkish positions near the border.")
    assert top_event(events).event == "ASSAULT"
    # A relative clause on the doer describes it; it is not the purpose of what the doer does.
    sent = top_of(extractor, "Jordan, which hosts more than a million refugees, sent food convoys to Gaza.")
    assert (sent.event, codes(sent.target)) == ("AID", {"PSE"})


def test_an_act_about_another_act_is_the_news_and_aimed_where_its_content_is(extractor: Extractor) -> None:
    # The condemnation, the accusation and the refusal are what happened; the attacks are what they are about.
    assert top_of(extractor, "Japan condemned the shelling of Ukrainian cities.").event == "DISAPPROVE"
    accused = top_of(extractor, "Kenya accused Somali militants of attacking a border post.")
    assert accused.event == "DISAPPROVE" and codes(accused.source) == {"KEN"}
    refused = top_of(extractor, "Iran rejected calls to release the detained British sailors.")
    assert refused.event == "REJECT" and codes(refused.target) == {"GBR"}
    # What governs two conjoined acts governs both.
    assert top_of(extractor, "Jordan agreed to open its border and grant asylum to Syrian refugees.").event == "AGREE"
    # A purpose clause is no content of a material act: troops sent to fight someone are not sent to them.
    sent = find(events_of(extractor, "France sent troops to fight the Taliban."), "MOBILIZE")
    assert "AFG" not in codes(sent.target)


def test_participle_modifiers_are_background_events(extractor: Extractor) -> None:
    events = events_of(extractor, "US-backed rebels attacked a Syrian army base.")
    backed = find(events, "SUPPORT")
    assert codes(backed.source) == {"USA"} and [a.actorText for a in backed.target] == ["backed rebels"]
    assert top_event(events).event == "ASSAULT"


def test_clause_describing_a_document_or_plan_takes_its_owner(extractor: Extractor) -> None:
    report = "Human Rights Watch published a report accusing the Nigerian army of torture."
    accusing = find(events_of(extractor, report), "DISAPPROVE")
    assert "Human Rights Watch" in {a.actorText for a in accusing.source}
    text = "The British government announced plans to impose sanctions on Iran."
    plans = find(events_of(extractor, text), "SANCTION")
    assert codes(plans.source) == {"GBR"} and codes(plans.target) == {"IRN"}


def test_fighting_a_disease_is_no_fight(extractor: Extractor) -> None:
    assert not any(e.event == "FIGHT" for e in events_of(extractor, "Germany sent doctors to fight the epidemic."))


def test_owners_side_by_side_and_places_near(extractor: Extractor) -> None:
    deal = find(events_of(extractor, "UK and EU negotiators agreed a trade deal on Thursday."), "AGREE")
    assert codes(deal.source) == {"GBR", "IGO"} and deal.reciprocal
    text = "Government forces launched air strikes against the rebel enclave near Damascus."
    assert codes(find(events_of(extractor, text), "FIGHT").target) == {"SYR"}
    drill = find(events_of(extractor, "The two armies held joint military exercises in Jordan."), "COOPERATE")
    assert codes(drill.target) == {"JOR"}


def test_failing_to_agree_is_mutual_and_help_targets_whom_it_is_for(extractor: Extractor) -> None:
    text = "The United States and South Korea failed to reach agreement on a trade deal."
    failed = find(events_of(extractor, text), "REJECT")
    assert failed.reciprocal and codes(failed.target) == {"USA", "KOR"}
    donated = find(events_of(extractor, "Japan donated 250 ventilators to assist Ethiopia."), "AID", "donate")
    assert codes(donated.target) == {"ETH"}
    # A purpose that is no help does not make its object the recipient.
    sent = find(events_of(extractor, "Britain sent troops to Mali to fight the jihadists."), "AID")
    assert codes(sent.target) == {"MLI"}


def test_allegiance_gives_a_role_its_country(extractor: Extractor) -> None:
    loyal = find(events_of(extractor, "Rebels loyal to the Syrian government attacked the town."), "ASSAULT")
    assert codes(loyal.source) == {"SYR"}
    # Fighting someone is no allegiance.
    fought = find(events_of(extractor, "Rebels who attacked Syrian troops fled."), "ASSAULT")
    assert codes(fought.source) == {None}


def test_a_passive_with_no_by_phrase_takes_its_agent_from_the_sentence(extractor: Extractor) -> None:
    strike = find(events_of(extractor, "Three Palestinians were killed in an Israeli air strike on Gaza."), "ASSAULT")
    assert codes(strike.source) == {"ISR"}
    offensive = "Several villages were bombed during a Syrian government offensive."
    assert codes(find(events_of(extractor, offensive), "ASSAULT").source) == {"SYR"}
    # An act of state coercion, with no one named, is the state's where it happens.
    arrest = find(events_of(extractor, "Hundreds of protesters were detained in Moscow on Saturday."), "COERCE")
    assert codes(arrest.source) == {"RUS"} and codes(arrest.target) == {"RUS"}
    # Not an attack: a place says nothing of who attacked.
    killed = find(events_of(extractor, "Five soldiers were killed in Kandahar."), "ASSAULT")
    assert not any(a.code for a in killed.source)


def test_who_speaks_for_or_runs_an_actor_gives_its_country(extractor: Extractor) -> None:
    text = "A spokesman for the Israeli army alleged that Hezbollah fighters had crossed the border."
    assert codes(find(events_of(extractor, text), "DISAPPROVE").source) == {"ISR"}
    led = find(events_of(extractor, "The coalition led by Saudi Arabia accused Iran of arming the Houthis."),
               "DISAPPROVE")  # fmt: skip
    assert codes(led.source) == {"SAU"} and codes(led.target) == {"IRN"}
    based = find(events_of(extractor, "The militant group based in Pakistan attacked Indian troops."), "ASSAULT")
    assert codes(based.source) == {"PAK"}
    # The UN's envoy for Syria is not Syrian; a militia backed by Iran is not Iran.
    envoy = find(events_of(extractor, "The UN envoy for Syria condemned the shelling."), "DISAPPROVE")
    assert "SYR" not in codes(envoy.source)
    backed = find(events_of(extractor, "A militia backed by Iran attacked US bases."), "ASSAULT")
    assert "IRN" not in codes(backed.source)


def test_what_is_turned_down_or_demanded_names_the_target(extractor: Extractor) -> None:
    rejected = find(events_of(extractor, "Egypt rejected a proposal by Ethiopia to share the dam's water."), "REJECT")
    assert codes(rejected.source) == {"EGY"} and codes(rejected.target) == {"ETH"}
    accepted = "Bolivia accepted the demands made by Chilean negotiators."
    assert codes(find(events_of(extractor, accepted), "CONCEDE").target) == {"CHL"}
    renewed = "North Korea renewed its demand that the United States lift sanctions."
    assert codes(find(events_of(extractor, renewed), "DEMAND").target) == {"USA"}
    # What is demanded has not happened.
    assert find(events_of(extractor, renewed), "RETREAT").modality == "hypothetical"


def test_measures_target_whom_they_are_against(extractor: Extractor) -> None:
    lifted = find(events_of(extractor, "The UN sanctions against Iran were lifted in January."), "RETREAT")
    assert codes(lifted.source) == {"IGO"} and codes(lifted.target) == {"IRN"}
    removed = find(events_of(extractor, "Washington removed sanctions on Cuban firms."), "RETREAT", "remove")
    assert codes(removed.source) == {"USA"} and codes(removed.target) == {"CUB"}
    # Judicial cooperation is with the country a suspect is handed to.
    extradited = "Mexico extradited a Colombian drug lord to the United States."
    assert codes(find(events_of(extractor, extradited), "COOPERATE").target) == {"USA"}
    # Partners exchanging something act on each other, not on what they exchange.
    exchanged = find(events_of(extractor, "The US and Sudan will exchange ambassadors."), "AGREE")
    assert codes(exchanged.target) == {"USA", "SDN"} and exchanged.reciprocal


def test_people_with_no_country_are_the_source_countrys_when_it_is_the_only_one(extractor: Extractor) -> None:
    detained = find(events_of(extractor, "Turkish police detained dozens of journalists."), "COERCE")
    assert codes(detained.target) == {"TUR"}
    protested = find(events_of(extractor, "Thousands of Israelis protested against the government."),
                     "PROTEST")  # fmt: skip
    assert codes(protested.target) == {"ISR"}
    # Another country named: no guess. Expelled people are foreigners.
    other = find(events_of(extractor, "Turkish police detained dozens of journalists after a visit by Iran's envoy."),
                 "COERCE")  # fmt: skip
    assert "TUR" not in codes(other.target)
    deported = find(events_of(extractor, "Egyptian authorities deported dozens of migrants."), "COERCE")
    assert "EGY" not in codes(deported.target)
    # A country's people criticising "the army" or "police" criticise their own state's; a state accusing "the
    # army" may mean anyone's.
    bishops = find(events_of(extractor, "Kenyan bishops accused the police of killing protesters."), "DISAPPROVE")
    assert codes(bishops.target) == {"KEN"}
    state = find(events_of(extractor, "Russia accused the army of shelling civilians."), "DISAPPROVE")
    assert "RUS" not in codes(state.target)


def test_parties_venues_and_passives_of_removal(extractor: Extractor) -> None:
    # The parties to a pact act on each other; where they sign it is no party.
    signed = find(events_of(extractor, "Saudi Arabia and Pakistan signed a defence pact in Riyadh."), "AGREE")
    assert codes(signed.target) == {"SAU", "PAK"}
    extradited = "A suspected financier was extradited to Iraq from Turkey."
    assert codes(find(events_of(extractor, extradited), "COOPERATE").source) == {"TUR"}
    alert = find(events_of(extractor, "French police were placed on maximum alert."), "MOBILIZE")
    assert codes(alert.source) == {"FRA"}
    threatened = "India was threatened with steep tariffs by Washington."
    assert codes(find(events_of(extractor, threatened), "THREATEN").source) == {"USA"}
    suspended = find(events_of(extractor, "The African Union suspended Gabon from all its activities."), "SANCTION")
    assert codes(suspended.source) == {"IGO"} and codes(suspended.target) == {"GAB"}


def test_mediation_targets_the_parties_and_aid_its_recipient(extractor: Extractor) -> None:
    mediated = find(events_of(extractor, "Qatar mediated talks between Russia and Ukraine."), "CONSULT")
    assert codes(mediated.source) == {"QAT"} and codes(mediated.target) == {"RUS", "UKR"}
    shells = "The United States delivered a new package of artillery shells to Ukraine."
    assert codes(find(events_of(extractor, shells), "AID").target) == {"UKR"}
    budget = find(events_of(extractor, "Washington sent $1.7 billion in budget support to Kyiv."), "AID", "send")
    assert codes(budget.target) == {"UKR"}


def test_police_officials_and_rebels_act_in_their_own_country(extractor: Extractor) -> None:
    arrested = find(events_of(extractor, "Police arrested three opposition leaders in Dhaka on Monday."), "COERCE")
    assert codes(arrested.source) == {"BGD"} and codes(arrested.target) == {"BGD"}
    shelled = find(events_of(extractor, "Rebels shelled government positions near Aleppo."), "FIGHT")
    assert codes(shelled.source) == {"SYR"}
    # Troops no one names are the country's own; news names foreign ones by their country.
    troops = find(events_of(extractor, "Soldiers shot dead four gunmen in a village near Maiduguri."), "ASSAULT")
    assert codes(troops.source) == {"NGA"}
    turkish = find(events_of(extractor, "Turkish troops shelled Kurdish positions near Afrin in Syria."), "FIGHT")
    assert codes(turkish.source) == {"TUR"}
    # The place may hang on a time phrase, or on what those acted on were doing.
    battled = find(events_of(extractor, "Gunmen battled troops for several hours in Tijuana."), "FIGHT")
    assert codes(battled.source) == {"MEX"}
    gassed = "Riot police fired tear gas at hundreds of students marching in Nairobi."
    assert codes(find(events_of(extractor, gassed), "COERCE").source) == {"KEN"}
    # Aircraft and ships are their forces: "army helicopters" are soldiers placed where they act.
    dropped = "Army helicopters dropped food and water to villagers stranded by floods in Assam."
    assert codes(find(events_of(extractor, dropped), "AID").source) == {"IND"}
    # Placed by whom they yield to, though the target comes from the talks the sentence restates.
    called_off = "Union leaders called off the strike after talks with the government in Nairobi ran late."
    union = find(events_of(extractor, called_off), "CONCEDE")
    assert codes(union.source) == {"KEN"}
    stormed = find(events_of(extractor, "Armenia's parliament was stormed by protesters."), "FIGHT")
    assert codes(stormed.source) == {"ARM"}
    # A division's name is a place though the small model reads "Ituri province" as a people.
    killed = find(events_of(extractor, "Gunmen killed 30 villagers in Ituri province."), "ASSAULT")
    assert codes(killed.source) == {"COD"} and codes(killed.target) == {"COD"}


def test_troops_withdrawn_are_no_target_and_a_border_faces_the_other_side(extractor: Extractor) -> None:
    withdrew = find(events_of(extractor, "Ethiopia withdrew its troops from the border with Eritrea."), "RETREAT")
    assert codes(withdrew.target) == {"ERI"}
    # Those released are the target, whatever they are.
    freed = find(events_of(extractor, "Iran freed 15 British navy personnel on Wednesday."), "RETREAT")
    assert codes(freed.target) == {"GBR"}
    # Forces deployed at home, in a province on the border, face the other side.
    deployed = find(events_of(extractor, "Kenya deployed troops to Mandera county on its border with Somalia."),
                    "MOBILIZE")  # fmt: skip
    assert codes(deployed.target) == {"SOM"}


def test_an_inquirys_by_phrase_after_what_it_is_into_names_the_accused(extractor: Extractor) -> None:
    inquiry = find(events_of(extractor, "An EU inquiry into abuses by Libyan coast guards opened in Brussels."),
                   "INVESTIGATE")  # fmt: skip
    assert codes(inquiry.source) == {"IGO"} and codes(inquiry.target) == {"LBY"}
    # The parser may hang that 'by' on the inquiry itself: still the accused, not the inquirer.
    hung = find(events_of(extractor, "A U.N. inquiry into killings by Ethiopia's security forces opened in Geneva."),
                "INVESTIGATE")  # fmt: skip
    assert codes(hung.source) == {"IGO"} and codes(hung.target) == {"ETH"}


def test_a_passive_names_its_doer_by_other_clues(extractor: Extractor) -> None:
    # Authorities with no country expel from their own; aid flown from a country is its aid; talks held between
    # two parties are theirs.
    expelled = find(events_of(extractor, "A German reporter was expelled from Egypt by the authorities."), "COERCE")
    assert codes(expelled.source) == {"EGY"} and codes(expelled.target) == {"DEU"}
    flown = find(events_of(extractor, "Tents and blankets were flown to Nepal from India."), "AID")
    assert codes(flown.source) == {"IND"} and codes(flown.target) == {"NPL"}
    talks = find(events_of(extractor, "Talks between Armenia and Azerbaijan were held in Geneva."), "CONSULT")
    assert codes(talks.source) == {"ARM", "AZE"}


def test_who_did_it_when_the_passive_names_the_attack_or_the_fight(extractor: Extractor) -> None:
    clashes = "Five Afghan soldiers were killed in clashes with Taliban militants in Helmand."
    assert codes(find(events_of(extractor, clashes), "ASSAULT").source) == {"AFG"}
    firing = find(events_of(extractor, "Three Indian soldiers were killed in firing by Pakistani troops."), "ASSAULT")
    assert codes(firing.source) == {"PAK"} and codes(firing.target) == {"IND"}
    # The strikes are Saudi-led; the civilians they killed were in Yemen.
    strikes = find(events_of(extractor, "Dozens of civilians were killed in Saudi-led air strikes in Yemen."),
                   "ASSAULT")  # fmt: skip
    assert codes(strikes.source) == {"SAU"} and codes(strikes.target) == {"YEM"}
    ambush = "Four policemen were killed in an ambush by Maoist rebels in India."
    assert codes(find(events_of(extractor, ambush), "ASSAULT").source) == {"IND"}


def test_acts_received_and_acts_named_by_nouns(extractor: Extractor) -> None:
    drew = find(events_of(extractor, "North Korea's missile launch drew condemnation from Seoul."), "DISAPPROVE")
    assert codes(drew.source) == {"KOR"} and codes(drew.target) == {"PRK"}
    received = find(events_of(extractor, "Ukraine received military aid from Germany."), "AID")
    assert codes(received.source) == {"DEU"} and codes(received.target) == {"UKR"}
    faces = find(events_of(extractor, "Iran faces new sanctions from the European Union."), "SANCTION")
    assert codes(faces.source) == {"IGO"} and codes(faces.target) == {"IRN"}
    seized = find(events_of(extractor, "Iran's seizure of a British tanker raised tensions."), "COERCE")
    assert codes(seized.source) == {"IRN"} and codes(seized.target) == {"GBR"}
    recognised = "France's recognition of a Palestinian state angered Israel."
    assert codes(find(events_of(extractor, recognised), "SUPPORT").target) == {"PSE"}
    # A withdrawal's 'from' phrase is where from, not who.
    withdrew = find(events_of(extractor, "Israel's withdrawal from Gaza began on Monday."), "RETREAT")
    assert codes(withdrew.source) == {"ISR"}


def test_a_title_outranks_the_tables_entry_and_trading_is_mutual(extractor: Extractor) -> None:
    text = "NATO Secretary General Mark Rutte warned Russia against escalation."
    assert codes(find(events_of(extractor, text), "THREATEN").source) == {"IGO"}
    # Without a title, the table's entry stands.
    assert codes(find(events_of(extractor, "Mark Rutte warned Russia."), "THREATEN").source) == {"NLD"}
    traded = find(events_of(extractor, "Addis Ababa and Cairo traded accusations over the dam."), "DISAPPROVE")
    assert codes(traded.target) == {"ETH", "EGY"} and traded.reciprocal


def test_titles_and_appositions_name_whom_a_person_acts_for(extractor: Extractor) -> None:
    leyen = "Ursula von der Leyen, the European Commission president, praised Moldova."
    assert codes(find(events_of(extractor, leyen), "SUPPORT").source) == {"IGO"}
    adviser = "Ali Larijani, a senior adviser to Iran's supreme leader, visited Beirut on Friday."
    assert codes(find(events_of(extractor, adviser), "CONSULT").source) == {"IRN"}
    # A part of a name ("Abbas") is no country of its own; the demonym before the title is.
    araqchi = "Iranian Foreign Minister Abbas Araqchi met his Turkish counterpart Hakan Fidan."
    assert codes(find(events_of(extractor, araqchi), "CONSULT").source) == {"IRN"}
    # Wire style: "Congo" is the Democratic Republic; armed groups of the last decade are in the tables.
    congo = find(events_of(extractor, "Congo's foreign minister accused Rwanda of backing M23 rebels."), "DISAPPROVE")
    assert codes(congo.source) == {"COD"}
    kataib = "Kataib Hezbollah threatened to resume attacks on U.S. bases in Iraq."
    assert codes(find(events_of(extractor, kataib), "THREATEN").source) == {"IRQ"}


def test_allegiance_owns_an_unknown_group_and_a_plain_by_is_an_agent(extractor: Extractor) -> None:
    loyal = "Gunmen loyal to the Syrian government attacked the village."
    assert codes(find(events_of(extractor, loyal), "ASSAULT").source) == {"SYR"}
    linked = "Militias linked to Iran fired rockets at the base."
    assert codes(find(events_of(extractor, linked), "FIGHT").source) == {"IRN"}
    backed = find(events_of(extractor, "A militia backed by Iran attacked US bases."), "ASSAULT")
    assert "IRN" not in codes(backed.source)


@pytest.mark.parametrize(
    ("text", "beneficiary"),
    [
        ("The German government has earmarked 1.5 million euros in emergency aid to help Haiti cope.", "HTI"),
        ("The Foreign Office has provided 28 million euros to pay for humanitarian aid for those affected in Yemen.",
         "YEM"),
        ("Germany gave 352 million euros to promote private investment in Ethiopia.", "ETH"),
    ],
)
def test_aid_is_for_the_country_its_purpose_names(extractor: Extractor, text: str, beneficiary: str) -> None:
    event = find(events_of(extractor, text), "AID")
    assert codes(event.target) == {beneficiary}


def test_aid_is_not_for_its_giver_or_a_clause_about_something_else(extractor: Extractor) -> None:
    text = "Japan sent emergency aid from Tokyo after Russia struck the dam."
    aid = find(events_of(extractor, text), "AID")
    assert not codes(aid.target) & {"JPN", "RUS"}, aid.target


def test_the_one_helped_does_the_clause_act(extractor: Extractor) -> None:
    event = find(events_of(extractor, "The new rifles enabled Kyiv to strike targets deep inside Russia."),
                 "CONCEDE")
    assert codes(event.target) == {"UKR"}


@pytest.mark.parametrize("text", ["Aid convoys reached war-torn Idlib on Monday.",
                                  "Food was flown to drought-stricken areas of Somalia.",
                                  "Libya's internationally recognised government announced a ceasefire."])
def test_hyphenated_descriptions_are_no_acts(extractor: Extractor, text: str) -> None:
    assert not [e for e in events_of(extractor, text) if e.event in {"ASSAULT", "FIGHT", "SUPPORT"}]
    # ... while a participle hyphenated to an actor is that actor's act.
    backed = find(events_of(extractor, "Turkey attacked US-backed Kurdish fighters."), "SUPPORT")
    assert codes(backed.source) == {"USA"}


@pytest.mark.parametrize(
    ("text", "category", "source"),
    [
        # The small model tags an unknown name as an adverb, or hangs the main verb from its subject.
        ("USAID provided basic shelter materials to 1.5 million people in Haiti.", "AID", {"USA"}),
        ("The Iraqi air force carried out at least three air strikes in western Mosul, killing several dozens of "
         "Islamic State fighters.", "FIGHT", {"IRQ"}),
        # A copula's adjective: "they are committed to" is theirs, and the pronoun is the speaker's.
        ("The Brazilian authorities said they are also committed to opening up the economy.", "AGREE", {"BRA"}),
        # Weapons fired by someone, and groups allied to someone, are theirs.
        ("The missiles fired by the Israeli military struck an arms depot of the Syrian army.", "FIGHT", {"ISR"}),
        ("An Iran-allied group seized the military base.", "COERCE", {"IRN"}),
    ],
)
def test_sources_the_parse_hides(extractor: Extractor, text: str, category: str, source: set[str]) -> None:
    event = find(events_of(extractor, text), category)
    assert codes(event.source) == source


def test_misparsed_place_is_still_the_object_and_weapons_are_no_target(extractor: Extractor) -> None:
    attack = find(events_of(extractor, "The Iraqi air force attacked Mosul."), "ASSAULT")
    assert codes(attack.target) == {"IRQ"}
    fired = find(events_of(extractor, "The missiles fired by the Israeli military struck a depot."), "FIGHT", "fire")
    assert not fired.target


def test_who_is_worried_by_a_report_is_not_its_author(extractor: Extractor) -> None:
    text = "The U.N. human rights chief said he was deeply worried by reports of killings of civilians in Darfur."
    killings = find(events_of(extractor, text), "ASSAULT")
    assert "IGO" not in codes(killings.source)


def test_a_named_body_is_where_it_stands(extractor: Extractor) -> None:
    text = "The agency returned 11 oil paintings to the Pirmasens Municipal Museum in Germany."
    assert codes(find(events_of(extractor, text), "RETREAT").target) == {"DEU"}


def test_a_legislature_without_a_country_is_the_one_country_named(extractor: Extractor) -> None:
    text = "Nigeria's president rejected multiple proposals laid out by the National Assembly."
    assert codes(find(events_of(extractor, text), "REJECT").target) == {"NGA"}
    # ... but not where another country is named.
    other = "Nigeria's president rejected proposals by the National Assembly to borrow from China."
    assert "NGA" not in codes(find(events_of(extractor, other), "REJECT").target)


def test_coordinated_things_sent_lead_to_the_recipient(extractor: Extractor) -> None:
    text = "Britain has sent 100 armoured patrol vehicles and a team of paratroopers to Lebanon to patrol its borders."
    assert codes(find(events_of(extractor, text), "AID").target) == {"LBN"}


@pytest.mark.parametrize(
    ("text", "category", "source", "target"),
    [
        ("Twelve U.S. Army soldiers deployed to Nigeria to train 200 Nigerian soldiers.", "COOPERATE", {"USA"},
         {"NGA"}),
        # The parser hangs "on a peacekeeping mission" from "announced": the one deployment is still a peacekeeping one.
        ("Nigeria announced the deployment of 230 troops to Liberia on a peacekeeping mission.", "AID", {"NGA"},
         {"LBR"}),
        # Its own clause names no country: the sender is still the source, and those sent are no target.
        ("The Obama administration has sent teams of CIA operatives into Libya to investigate the rebel forces.",
         "INVESTIGATE", {"USA"}, set()),
    ],
)
def test_a_deployment_is_what_it_is_for(
    extractor: Extractor, text: str, category: str, source: set[str], target: set[str]
) -> None:
    top = top_of(extractor, text)
    assert top.event == category
    assert codes(top.source) == source and codes(top.target) - {None} == target


def test_a_deployment_to_fight_stays_a_deployment(extractor: Extractor) -> None:
    assert top_of(extractor, "France sent troops to fight the Taliban.").event in {"AID", "MOBILIZE"}


@pytest.mark.parametrize(
    ("text", "category", "source"),
    [
        ("Approximately 2,000 Russian soldiers were deployed along the Lachin corridor.", "MOBILIZE", {"RUS"}),
        ("Rockets were fired from Gaza into southern Israel on Sunday.", "FIGHT", {"PSE"}),
    ],
)
def test_passives_name_their_agent_by_what_moved_or_whence(
    extractor: Extractor, text: str, category: str, source: set[str]
) -> None:
    assert codes(find(events_of(extractor, text), category).source) == source


@pytest.mark.parametrize(
    ("text", "category", "home"),
    [
        ("Sri Lankan President Gotabaya Rajapaksa resigned after months of mass protests.", "CONCEDE", "LKA"),
        ("Kenyan doctors called off a 56-day strike on Friday.", "CONCEDE", "KEN"),
        ("Libya's rival authorities have announced an immediate ceasefire.", "RETREAT", "LBY"),
    ],
)
def test_yielding_with_no_one_named_yields_at_home(extractor: Extractor, text: str, category: str, home: str) -> None:
    assert codes(find(events_of(extractor, text), category).target) == {home}


def test_yielding_is_not_aimed_at_home_when_another_country_is_named(extractor: Extractor) -> None:
    text = "Ukrainian troops withdrew from the town of Avdiivka, handing Russia its biggest gain in months."
    assert "UKR" not in codes(find(events_of(extractor, text), "RETREAT").target)


def test_a_pledge_of_aid_is_for_whom_the_aid_is(extractor: Extractor) -> None:
    event = find(events_of(extractor, "Norway's government pledged 10 billion crowns in humanitarian aid for Gaza."),
                 "AGREE")
    assert codes(event.target) == {"PSE"}


@pytest.mark.parametrize(
    ("text", "category", "target"),
    [
        ("Ukrainian prosecutors began investigating possible war crimes by Russian forces in Izium.", "INVESTIGATE",
         "RUS"),
        ("Japan condemned the shelling of Ukrainian cities by Russian forces.", "DISAPPROVE", "RUS"),
        # A state reporting a hostile act aimed at no one named reports it against itself.
        ("Seoul said Pyongyang had deployed additional artillery units along the border.", "MOBILIZE", "KOR"),
        ("Ukraine's military said Russian forces had violated the Easter truce.", "FIGHT", "UKR"),
    ],
)
def test_whom_condemnation_and_complaint_are_aimed_at(
    extractor: Extractor, text: str, category: str, target: str
) -> None:
    assert codes(find(events_of(extractor, text), category).target) == {target}


def test_a_report_is_no_complaint_from_a_neutral_or_about_its_own(extractor: Extractor) -> None:
    assert "IGO" not in codes(find(events_of(extractor, "The UN said Russian forces had shelled the city."),
                                   "FIGHT").target)
    own = find(events_of(extractor, "Russia said its forces had shelled the city."), "FIGHT")
    assert "RUS" not in codes(own.target)
    # A weapons test is aimed at no one, whoever reports it.
    test = find(events_of(extractor, "A British naval source said Iran had test-fired its new missiles."), "MOBILIZE")
    assert "GBR" not in codes(test.target)


@pytest.mark.parametrize(
    ("text", "category", "target"),
    [
        # A force posture answers whoever prompted it.
        ("Iran put its armed forces on high alert after repeated Israeli threats of military action.", "MOBILIZE",
         "ISR"),
        ("Citing repeated Russian drone incursions into its airspace, Romania scrambled F-16 fighter jets.",
         "MOBILIZE", "RUS"),
        # A ruling defied is its court's.
        ("Poland's government defied a ruling by the European Union's top court.", "REJECT", "IGO"),
    ],
)
def test_targets_named_by_what_prompted_or_made_it(
    extractor: Extractor, text: str, category: str, target: str
) -> None:
    assert codes(find(events_of(extractor, text), category).target) == {target}


@pytest.mark.parametrize(
    ("text", "code"),
    [("Bosnian Serb units threatened to shell British forces.", "BIH"),  # not Serbia's
     ("U.S federal investigators shared evidence with India.", "USA")],  # a wire's missing stop
)
def test_country_aliases_news_uses(extractor: Extractor, text: str, code: str) -> None:
    assert code in codes(top_of(extractor, text).source)


def test_weapons_are_the_side_they_were_launched_from(extractor: Extractor) -> None:
    event = find(events_of(extractor, "A ballistic missile fired from Yemen struck a Saudi airport."), "FIGHT",
                 "strike")
    assert codes(event.source) == {"YEM"} and codes(event.target) == {"SAU"}


def test_a_refusal_answers_whoever_asked_in_vain(extractor: Extractor) -> None:
    text = "Niger's military rulers refused to free President Mohamed Bazoum despite repeated appeals from ECOWAS."
    assert codes(find(events_of(extractor, text), "REJECT").target) == {"IGO"}


def test_an_act_done_during_another_is_aimed_where_that_one_was(extractor: Extractor) -> None:
    text = "Hamas militants took around 250 people hostage during their attack on southern Israel."
    assert codes(find(events_of(extractor, text), "ASSAULT", "take").target) == {"ISR"}
    # ... while a time is no place.
    night = find(events_of(extractor, "Syrian rebels killed five soldiers during the night."), "ASSAULT")
    assert codes(night.target) <= {None, "SYR"}


def test_an_object_misread_as_a_measure_of_time_is_still_the_object(extractor: Extractor) -> None:
    eased = top_of(extractor, "Saudi Arabia eased curfew hours it had imposed on several cities.")
    assert (eased.event, eased.lemma, eased.date) == ("CONCEDE", "ease", None)


@pytest.mark.parametrize(
    ("text", "category", "source"),
    [
        ("Ukraine's foreign ministry said Dmytro Kuleba had discussed air defence with NATO's chief.", "CONSULT",
         {"UKR"}),
        ("Israeli Defence Minister Israel Katz said the military had completed its withdrawal from Lebanon.",
         "RETREAT", {"ISR"}),
        # Not those a state reports on: militants are not Israel's because Israel speaks of them.
        ("Israeli officials said militants fired rockets at the town.", "FIGHT", {None}),
    ],
)
def test_a_states_statement_names_its_own(extractor: Extractor, text: str, category: str, source: set[str]) -> None:
    assert codes(find(events_of(extractor, text), category).source) == source


def test_a_noun_act_a_passive_names_was_done_by_its_agent(extractor: Extractor) -> None:
    text = "The war game, code-named Infinite Moonlight, was staged by U.S. marines and Jordanian armed forces."
    event = find(events_of(extractor, text), "COOPERATE")
    assert codes(event.source) == codes(event.target) == {"USA", "JOR"}


def test_agencies_named_without_their_country(extractor: Extractor) -> None:
    text = "ICE returned 1,044 cultural antiquities to the government of Iraq."
    returned = find(events_of(extractor, text), "RETREAT")
    assert (codes(returned.source), codes(returned.target)) == ({"USA"}, {"IRQ"})
    assert returned.source[0].sector == "COP"


@pytest.mark.parametrize(
    ("text", "role", "code"),
    [
        ("Hezbollah's leader said on Friday that the group would strike Israeli cities.", "source", "LBN"),
        ("Iran's foreign ministry said the country would retaliate against Israel.", "source", "IRN"),
        ("Sudan's army said the country had expelled the UN envoy.", "source", "SDN"),
        ("The United Nations is willing to send more resources to Colombia to help the Andean country.", "target",
         "COL"),
        # The phrase names its country itself: no looking back.
        ("Indonesia established diplomatic ties with the South Pacific island nation of Nauru.", "target", "NRU"),
    ],
)
def test_the_country_and_the_group_refer_back(extractor: Extractor, text: str, role: str, code: str) -> None:
    top = top_of(extractor, text)
    assert codes(getattr(top, role)) == {code}


def test_an_indefinite_country_refers_to_no_one(extractor: Extractor) -> None:
    top = top_of(extractor, "Iran's foreign ministry said a country had attacked its tanker.")
    assert "IRN" not in codes(top.source)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Iran seized a Greek-flagged oil tanker in the Gulf of Oman.", "GRC"),  # a ship is its flag's
        ("Houthi rebels attacked a Liberian-registered cargo ship.", "LBR"),
        ("Armenia agreed to hand four border villages back to Azerbaijan.", "AZE"),  # 'to' hung on 'back'
        # An inquiry targets the perpetrators of what it is into, wherever the parser hangs 'into', and whom it asks
        # about.
        ("Kyiv opened an investigation into the execution of Ukrainian prisoners by Russian troops.", "RUS"),
        ("Chilean prosecutors said they were investigating whether Venezuela's government ordered the kidnapping.",
         "VEN"),
        ("Canada is investigating whether agents of the Indian government were involved in the killing.", "IND"),
    ],
)
def test_flags_handing_back_and_inquiries_into_acts(extractor: Extractor, text: str, target: str) -> None:
    assert codes(top_of(extractor, text).target) == {target}


def test_an_armed_groups_statement_lends_its_code_to_its_fighters(extractor: Extractor) -> None:
    released = find(events_of(extractor, "Hamas said the militants had released two hostages."), "RETREAT")
    assert codes(released.source) == {"PSE"}
    # A state reporting on militants does not make them its own.
    fired = find(events_of(extractor, "The Israeli army said militants fired rockets at Sderot."), "FIGHT")
    assert codes(fired.source) == {None}


def test_a_groups_leaders_are_the_group(extractor: Extractor) -> None:
    laid_down = top_of(extractor, "Taliban leaders said the fighters will lay down their arms in Mazar-i-Sharif.")
    assert codes(laid_down.source) == {"AFG"}
    assert laid_down.source[0].sector == "REB"


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # A wire dateline is not part of the sentence: the place is no party to the act.
        ("TEHRAN, June 13 - Israeli jets struck Iran's main uranium enrichment site at Natanz.", {"ISR"}, {"IRN"}),
        ("KYIV (Reuters) - Russian drones struck Odesa.", {"RUS"}, {"UKR"}),
        # A city the small model takes for a person, where a place is expected.
        ("Russia attacked Kharkiv overnight.", {"RUS"}, {"UKR"}),
    ],
)
def test_datelines_and_cities_read_as_people(
    extractor: Extractor, text: str, source: set[str], target: set[str]
) -> None:
    top = top_of(extractor, text)
    assert (codes(top.source), codes(top.target)) == (source, target)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A crowd, a rebel group with no country, is of the country it acts in; not of the one it fires into.
        ("Thousands of protesters marched through Lima on Thursday.", {"PER"}),
        ("Roads across Panama were blocked by protesters opposed to the contract.", {"PAN"}),
        ("Separatists kidnapped a cardinal in Cameroon.", {"CMR"}),
        ("Militants fired rockets into Israel.", {None}),
        # People the sentence gives no country are the dateline's, when it names none.
        ("SEOUL, Dec 14 - Hundreds of thousands of people rallied outside the National Assembly on Saturday.", {"KOR"}),
        # Not when it names one: the protesters are in Yangon, whatever the dateline.
        ("GENEVA (Reuters) - Protesters in Yangon clashed with police.", {"MMR"}),
    ],
)
def test_crowds_are_placed_where_they_protest_or_are_datelined(
    extractor: Extractor, text: str, source: set[str]
) -> None:
    assert codes(top_of(extractor, text).source) == source


def test_a_statements_place_places_the_officials_who_made_it(extractor: Extractor) -> None:
    text = "The defence ministry accused Azerbaijani forces of opening fire, in a statement released in Yerevan."
    accused = top_of(extractor, text)
    assert (codes(accused.source), codes(accused.target)) == ({"ARM"}, {"AZE"})


def test_a_language_is_no_party(extractor: Extractor) -> None:
    # "Russian-speaking" names a language: the east is Ukraine's own, so the troops are deployed, not aid to Russia.
    sent = top_of(extractor, "Ukraine sent troops to its Russian-speaking east.")
    assert sent.event == "MOBILIZE" and "RUS" not in codes(sent.target)


def test_people_of_a_body_referred_back_to_are_its_own(extractor: Extractor) -> None:
    threat = top_of(extractor, "Hamas's leader said the group's fighters would attack Israeli towns.")
    assert (threat.event, codes(threat.source)) == ("THREATEN", {"PSE"})


def test_those_counted_act_when_the_parser_hangs_the_verb_from_the_count(extractor: Extractor) -> None:
    protest = top_of(extractor, "Hundreds of Iranian students protested outside the British embassy in Tehran.")
    assert (protest.event, codes(protest.source)) == ("PROTEST", {"IRN"})


def test_an_envoy_recalled_is_withdrawn_from_where_it_is_posted(extractor: Extractor) -> None:
    recalled = top_of(extractor, "Algeria's president recalled the country's ambassador to Spain.")
    assert (recalled.event, codes(recalled.source), codes(recalled.target)) == ("SANCTION", {"DZA"}, {"ESP"})


def test_an_act_noun_naming_a_kind_of_equipment_is_no_act(extractor: Extractor) -> None:
    events = events_of(extractor, "Egypt bought ten attack helicopters from Russia.")
    assert not [e for e in events if e.event in {"ASSAULT", "FIGHT"}]


def test_an_act_restated_by_its_purpose_is_aimed_where_the_purpose_is(extractor: Extractor) -> None:
    # The truce and the halt are one act: the halt says where the truce is aimed.
    truce = top_of(extractor, "Egypt announced a ceasefire initiative to halt the fighting in Sudan.")
    assert (truce.event, codes(truce.target)) == ("RETREAT", {"SDN"})


def test_an_act_restated_says_who_did_it(extractor: Extractor) -> None:
    text = "The interior ministry ordered two Iranian diplomats to leave, in the second expulsion by Albania this year."
    expelled = top_of(extractor, text)
    assert (expelled.event, codes(expelled.source), codes(expelled.target)) == ("SANCTION", {"ALB"}, {"IRN"})


def test_a_tensed_verb_misread_as_an_object_is_no_act(extractor: Extractor) -> None:
    # "suspects" is a noun here, whatever the tagger says: nobody suspects anyone.
    events = events_of(extractor, "Jordan passed information on al Qaeda suspects to the CIA.")
    assert not [e for e in events if e.event == "DISAPPROVE"]


def test_a_state_body_the_tables_give_one_country_belongs_to_its_owner_here(extractor: Extractor) -> None:
    # The tables know "Joint Chiefs of Staff" as the Pentagon's; here they are Seoul's, and so is the military.
    text = "The military raised its alert level, South Korea's Joint Chiefs of Staff said."
    assert codes(top_of(extractor, text).source) == {"KOR"}


def test_students_act_where_they_are(extractor: Extractor) -> None:
    blocked = top_of(extractor, "Students blocked major roads in Nairobi for a week.")
    assert (blocked.event, codes(blocked.source)) == ("PROTEST", {"KEN"})


def test_those_ordered_to_act_are_the_orderers_own(extractor: Extractor) -> None:
    arrest = top_of(extractor, "Kenya's president ordered police to arrest the opposition senator.")
    assert (arrest.event, codes(arrest.source)) == ("COERCE", {"KEN"})


def test_a_statement_speaks_for_whoever_issued_it(extractor: Extractor) -> None:
    condemned = top_of(extractor, "A statement issued by the Iranian foreign ministry condemned the raid.")
    assert (condemned.event, codes(condemned.source)) == ("DISAPPROVE", {"IRN"})


def test_a_gerund_describing_a_plan_is_the_planners_act(extractor: Extractor) -> None:
    events = events_of(extractor, "Iranian officials announced plans for releasing the British tanker.")
    assert codes(find(events, "RETREAT").source) == {"IRN"}


def test_a_posture_along_a_border_faces_the_other_side(extractor: Extractor) -> None:
    alert = top_of(extractor, "Armenia put its troops on alert along the border with Azerbaijan.")
    assert (alert.event, codes(alert.target)) == ("MOBILIZE", {"AZE"})
    # Forces of whom a pronoun stands for, put on alert in the passive.
    text = "Mali's defence minister said his troops had been put on alert along the border with Niger."
    assert codes(top_of(extractor, text).source) == {"MLI"}


def test_a_withdrawal_out_of_a_country_is_aimed_at_it(extractor: Extractor) -> None:
    pulled = top_of(extractor, "Russia pulled its last troops out of Moldova.")
    assert (pulled.event, codes(pulled.target)) == ("RETREAT", {"MDA"})


def test_a_case_before_a_court_targets_the_accused(extractor: Extractor) -> None:
    against = top_of(extractor, "Ukraine filed a case against Russia at the International Court of Justice.")
    assert (against.event, codes(against.target)) == ("DISAPPROVE", {"RUS"})
    text = "Gambia filed a case at the International Court of Justice accusing Myanmar of genocide."
    assert codes(top_of(extractor, text).target) == {"MMR"}


@pytest.mark.parametrize(
    ("text", "side", "code"),
    [
        # Territories with codes of their own, not their parent state's.
        ("Britain's Royal Navy delivered food to the British Virgin Islands.", "target", "VGB"),
        ("The U.S. Navy sent a destroyer to Guam.", "target", "GUM"),
        # Yugoslavia's successor state in ISO 3166 is Serbia.
        ("Yugoslav troops shelled villages in Kosovo.", "source", "SRB"),
        # Armed groups the Phoenix tables leave without a country.
        ("Abu Sayyaf gunmen abducted two German tourists.", "source", "PHL"),
        ("Baloch militants attacked a Chinese convoy.", "source", "PAK"),
        # A protest outside an embassy is aimed at the embassy's country.
        ("Thousands of Kenyans protested outside the Chinese embassy.", "target", "CHN"),
    ],
)
def test_places_and_groups_the_tables_name(extractor: Extractor, text: str, side: str, code: str) -> None:
    top = top_of(extractor, text)
    assert code in codes(top.source if side == "source" else top.target)


def test_crowds_act_where_what_they_attack_stands(extractor: Extractor) -> None:
    # Basra: GeoNames' "Basrah", as English copy spells it; the consulate stands in Iraq.
    text = "Protesters stormed and set fire to the Kuwaiti consulate in Basra, police said."
    assert codes(top_of(extractor, text).source) == {"IRQ"}


def test_an_infinitive_describing_a_body_acts_for_whoever_set_it_up(extractor: Extractor) -> None:
    text = "The African Union set up a commission to investigate abuses by Ethiopian troops."
    inquiry = find(events_of(extractor, text), "INVESTIGATE")
    assert (codes(inquiry.source), codes(inquiry.target)) == ({"IGO"}, {"ETH"})


def test_a_sum_of_money_is_what_it_is_in(extractor: Extractor) -> None:
    suspended = top_of(extractor, "Washington suspended $300 million in military assistance to Egypt.")
    assert (suspended.event, codes(suspended.target)) == ("SANCTION", {"EGY"})


def test_troops_sent_to_a_border_are_deployed_wherever_the_parser_hangs_the_border(extractor: Extractor) -> None:
    sent = top_of(extractor, "Chad's president sent troops to the border with Sudan.")
    assert (sent.event, codes(sent.target)) == ("MOBILIZE", {"SDN"})


def test_a_unit_of_peacekeepers_is_peacekeepers(extractor: Extractor) -> None:
    pledge = top_of(extractor, "Mongolia said it would send another battalion of peacekeepers to South Sudan.")
    assert (pledge.event, codes(pledge.target)) == ("AGREE", {"SSD"})


def test_police_and_prosecutors_act_at_home_of_the_officials_they_act_on(extractor: Extractor) -> None:
    questioned = top_of(extractor, "Former Peruvian president Alan Garcia was questioned by prosecutors for hours.")
    assert codes(questioned.source) == {"PER"}
    # Not foreigners: tourists are arrested wherever they travel.
    assert codes(top_of(extractor, "Police arrested two British tourists.").source) == {None}


def test_a_states_report_on_its_own_opposition(extractor: Extractor) -> None:
    text = "The main opposition party boycotted the vote, Zambia's state broadcaster said."
    assert codes(top_of(extractor, text).source) == {"ZMB"}


def test_crowds_outside_an_embassy_are_of_the_city_it_stands_in(extractor: Extractor) -> None:
    text = "Hundreds of protesters gathered outside the Israeli embassy in Amman."
    gathered = top_of(extractor, text)
    assert (gathered.event, codes(gathered.source), codes(gathered.target)) == ("PROTEST", {"JOR"}, {"ISR"})


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Treasury Department blacklisted three Iranian shipping firms.", "USA"),
        ("The Blue House condemned the missile launch.", "KOR"),
        ("A Finnish diplomat was detained in St Petersburg, the FSB said.", "RUS"),
    ],
)
def test_metonyms_and_cities_the_hand_tables_name(extractor: Extractor, text: str, code: str) -> None:
    assert code in codes(top_of(extractor, text).source)


def test_troops_sent_to_help_police_at_home_are_deployed(extractor: Extractor) -> None:
    text = "Brazil's president deployed soldiers to the slums of Rio to help police curb a wave of killings."
    assert top_of(extractor, text).event == "MOBILIZE"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Police deploying, and crowds acting, where they act; "the streets of" a city are the city's.
        ("Police deployed thousands of officers across Lagos ahead of the vote.", "NGA"),
        ("Police said about 30,000 farmers had marched into Lucknow to demand loan waivers.", "IND"),
        # Forces a passive deployment names, placed by the speaker.
        ("Thailand's police chief said 50,000 officers had been deployed to guard polling stations.", "THA"),
    ],
)
def test_home_forces_and_crowds_are_placed(extractor: Extractor, text: str, code: str) -> None:
    assert codes(top_of(extractor, text).source) == {code}


def test_a_passive_names_its_agent_through_the_act_it_happened_amid(extractor: Extractor) -> None:
    text = "Ten people were wounded amid Israeli shelling of the town, officials said."
    assert codes(top_of(extractor, text).source) == {"ISR"}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # A speaker's own country in the warning's clause is no target; what the clause acts on is.
        ("South Korea's defence minister warned that Seoul would destroy any North Korean drone crossing the border.",
         "PRK"),
        # Whom one refuses to let in.
        ("Hungary refused to let Dutch lawmakers visit the border fence.", "NLD"),
        # A visit or talks are hosted where the visitor arrived.
        ("Japan's prime minister arrived in Hanoi on Sunday for a three-day visit.", "VNM"),
        # The partner of talks or sharing, not the topic.
        ("Britain shared intelligence with Poland on Russian troop movements.", "POL"),
        # What prompted a posture, in an "as" clause; the author of a plan in a relative clause.
        ("Taiwan put its forces on alert as Chinese warships held drills near the island.", "CHN"),
        ("Abbas rejected the peace plan that the U.S. president unveiled at the White House.", "USA"),
        # Part of the measures lifted.
        ("The European Union lifted most of its sanctions on Belarus.", "BLR"),
    ],
)
def test_targets_named_through_clauses_partners_and_parts(extractor: Extractor, text: str, target: str) -> None:
    assert target in codes(top_of(extractor, text).target)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The government, the opposition, a party, parliament or a court named without a country are the source's,
        # when its country is the only one the sentence names, whatever the act.
        ("Venezuelan President Hugo Chavez ruled out talks with the opposition.", "VEN"),
        ("MEND, Nigeria's main militant group, demanded that the government free its jailed leader.", "NGA"),
    ],
)
def test_home_politics_named_without_a_country_are_the_sources(extractor: Extractor, text: str, code: str) -> None:
    assert codes(top_of(extractor, text).target) == {code}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # Force threatened is aimed at whom it would strike, whoever would strike ...
        ("The defence minister warned that Israel would strike Iranian forces anywhere in Syria.", {"IRN"}),
        ("Japan's defence minister warned that Japan would shoot down any North Korean missile.", {"PRK"}),
        # ... and a warning of a price to pay at whoever would pay it.
        ("North Korea warned that Seoul would pay a heavy price.", {"KOR"}),
    ],
)
def test_a_threat_of_force_is_aimed_at_whom_the_force_would_strike(
    extractor: Extractor, text: str, target: set[str]
) -> None:
    threat = top_of(extractor, text)
    assert (threat.event, codes(threat.target)) == ("THREATEN", target)


def test_a_joint_pledge_is_to_whom_it_helps_not_to_each_other(extractor: Extractor) -> None:
    pledge = top_of(extractor, "Japan and the United States pledged $3 billion to help rebuild Afghanistan.")
    assert (pledge.event, codes(pledge.source), codes(pledge.target)) == ("AGREE", {"JPN", "USA"}, {"AFG"})
    # A pledge the two make to each other stays mutual.
    mutual = top_of(extractor, "Russia and China pledged to deepen ties.")
    assert (mutual.event, codes(mutual.target)) == ("AGREE", {"RUS", "CHN"})


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # What "its" owns, when attacked, is the speaker's, not the place's.
        ("China's foreign ministry said gunmen had attacked its consulate in the southern Pakistani city of Karachi.",
         {"CHN"}),
        ("Kenya's military said al Shabaab fighters had attacked its base at El Adde in southern Somalia.", {"KEN"}),
        # A threat with a condition is aimed at whoever must meet it, unless it threatens force against someone.
        ("Union leaders in Seoul threatened a general strike unless the government dropped its labour reforms.",
         {"KOR"}),
        ("Erdogan threatened to send 3.6 million Syrian refugees to Europe if the European Union called the offensive "
         "an occupation.", {"IGO"}),
        ("North Korea threatened to strike the United States if it was attacked.", {"USA"}),
    ],
)  # fmt: skip
def test_targets_owned_by_the_speaker_or_bound_by_a_condition(
    extractor: Extractor, text: str, target: set[str]
) -> None:
    assert codes(top_of(extractor, text).target) == target


def test_what_a_party_does_with_its_own_stays_its_own(extractor: Extractor) -> None:
    # "its troops" is Turkey's: no target taken from the speaker.
    withdrawal = find(events_of(extractor, "The EU said Turkey must withdraw its troops from Syria."), "RETREAT")
    assert codes(withdrawal.target) == {"SYR"}


def test_a_people_within_one_country_names_it(extractor: Extractor) -> None:
    march = top_of(extractor, "Tens of thousands of Catalan separatists marched through Barcelona.")
    assert (march.event, codes(march.source)) == ("PROTEST", {"ESP"})
    # A people across borders names no country.
    assert [a.code for a in top_of(extractor, "Kurdish fighters attacked a checkpoint.").source] == [None]


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # A leader, official or commander of a body is the body's, not a state's.
        ("Union leaders suspended the nationwide strike.", "LAB"),
        ("Rebel commanders agreed to a ceasefire with the army.", "REB"),
        ("Opposition officials in Harare rejected the results.", "OPP"),
    ],
)
def test_the_people_of_a_body_take_its_sector(extractor: Extractor, text: str, sector: str) -> None:
    assert [a.sector for a in top_of(extractor, text).source] == [sector]


def test_a_states_statement_makes_only_its_own_people_its_own(extractor: Extractor) -> None:
    talks = top_of(extractor, "Government and communist rebel negotiators met in the Netherlands for informal talks, "
                              "Manila's peace adviser said.")  # fmt: skip
    assert [(a.code, a.sector) for a in talks.source] == [("PHL", "GOV"), (None, "REB")]
