"""The bibliography as data.

Numbers 1-18 follow the numbering of the source article on combining running and
strength training, so a reader can check a rule against it; 19 onward are the
studies that set the numbers the article leaves open (ramp caps, deload cadence,
spacing); 25 onward are the sources of the load, fitness and interference
analyses.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reference:
    n: int
    citation: str


REFERENCES: tuple[Reference, ...] = (
    Reference(
        1,
        "Wilson JM, Marin PJ, Rhea MR, Wilson SM, Loenneke JP, Anderson JC. Concurrent "
        "training: a meta-analysis examining interference of aerobic and resistance "
        "exercises. J Strength Cond Res. 2012;26(8):2293-2307.",
    ),
    Reference(
        2,
        "Esteve-Lanao J, Rhea MR, Fleck SJ, Lucia A. Running-specific, periodized "
        "strength training attenuates loss of stride length during intense endurance "
        "running. J Strength Cond Res. 2008;22(4):1176-1183.",
    ),
    Reference(
        3,
        "Luckin-Baldwin KM, Badenhorst CE, Cripps AJ, Landers GJ, Merrells RJ, "
        "Bulsara MK, Hoyne GF. Strength training improves exercise economy in triathletes "
        "during a simulated triathlon. Int J Sports Physiol Perform. 2021;16(5):663-673.",
    ),
    Reference(
        4,
        "Nikolaidis PT, Knechtle B, Quartiroli A. Editorial: Who runs? Psychological, "
        "physiological and pathophysiological aspects of recreational endurance athletes. "
        "Front Psychol. 2020;11:2247.",
    ),
    Reference(
        5,
        "Lakicevic N, Gentile A, Mehrabi S, Cassar S, Parker K, Roklicer R, Bianco A, "
        "Drid P. Make fitness fun: could novelty be the key determinant for physical "
        "activity adherence? Front Psychol. 2020;11:577522.",
    ),
    Reference(
        6,
        "Storen O, Helgerud J, Stoa EM, Hoff J. Maximal strength training improves "
        "running economy in distance runners. Med Sci Sports Exerc. 2008;40(6):1087-1092.",
    ),
    Reference(
        7,
        "Vorup J, Tybirk J, Gunnarsson TP, Ravnholt T, Dalsgaard S, Bangsbo J. Effect "
        "of speed endurance and strength training on performance, running economy and "
        "muscular adaptations in endurance-trained runners. Eur J Appl Physiol. "
        "2016;116(7):1331-1341.",
    ),
    Reference(
        8,
        "Paavolainen L, Hakkinen K, Hamalainen I, Nummela A, Rusko H. Explosive-strength "
        "training improves 5-km running time by improving running economy and muscle "
        "power. J Appl Physiol. 1999;86(5):1527-1533.",
    ),
    Reference(
        9,
        "Lauersen JB, Andersen TE, Andersen LB. Strength training as superior, "
        "dose-dependent and safe prevention of acute and overuse sports injuries: a "
        "systematic review, qualitative analysis and meta-analysis. Br J Sports Med. "
        "2018;52(24):1557-1563.",
    ),
    Reference(
        10,
        "Toresdahl BG, McElheny K, Metzl J, Ammerman B, Chang B, Kinderknecht J. A "
        "randomized study of a strength training program to prevent injuries in runners "
        "of the New York City Marathon. Sports Health. 2020;12(1):74-79.",
    ),
    Reference(
        11,
        "Inoue DS, Panissa VL, Monteiro PA, et al. Immunometabolic responses to "
        "concurrent training: the effects of exercise order in recreational "
        "weightlifters. J Strength Cond Res. 2016;30(7):1960-1967.",
    ),
    Reference(
        12,
        "Petre H, Lofving P, Psilander N. The effect of two different concurrent "
        "training programs on strength and power gains in highly-trained individuals. "
        "J Sports Sci Med. 2018;17(2):167-173.",
    ),
    Reference(
        13,
        "Sabag A, Najafi A, Michael S, Esgin T, Halaki M, Hackett D. The compatibility "
        "of concurrent high intensity interval training and resistance training for "
        "muscular strength and hypertrophy: a systematic review and meta-analysis. "
        "J Sports Sci. 2018;36(21):2472-2483.",
    ),
    Reference(
        14,
        "Doma K, Deakin GB. The acute effects intensity and volume of strength "
        "training on running performance. Eur J Sport Sci. 2014;14(2):107-115.",
    ),
    Reference(
        15,
        "Methenitis S. A brief review on concurrent training: from laboratory to the "
        "field. Sports (Basel). 2018;6(4):127.",
    ),
    Reference(
        16,
        "Fyfe JJ, Bartlett JD, Hanson ED, Stepto NK, Bishop DJ. Endurance training "
        "intensity does not mediate interference to maximal lower-body strength gain "
        "during short-term concurrent training. Front Physiol. 2016;7:487.",
    ),
    Reference(
        17,
        "Coffey VG, Hawley JA. Concurrent exercise training: do opposites distract? "
        "J Physiol. 2017;595(9):2883-2896.",
    ),
    Reference(
        18,
        "Chtara M, Chaouachi A, Levin GT, et al. Effect of concurrent endurance and "
        "circuit resistance training sequence on muscular strength and power "
        "development. J Strength Cond Res. 2008;22(4):1037-1045.",
    ),
    Reference(
        19,
        "Nielsen RO, Parner ET, Nohr EA, Sorensen H, Lind M, Rasmussen S. Excessive "
        "progression in weekly running distance and risk of running-related injuries: "
        "an association which varies according to type of injury. J Orthop Sports Phys "
        "Ther. 2014;44(10):739-747.",
    ),
    Reference(
        20,
        "Buist I, Bredeweg SW, van Mechelen W, Lemmink KA, Pepping GJ, Diercks RL. No "
        "effect of a graded training program on the number of running-related injuries "
        "in novice runners: a randomized controlled trial. Am J Sports Med. "
        "2008;36(1):33-39.",
    ),
    Reference(
        21,
        "American College of Sports Medicine. Progression models in resistance "
        "training for healthy adults. Med Sci Sports Exerc. 2009;41(3):687-708.",
    ),
    Reference(
        22,
        "Bell L, Nolan D, Immonen V, et al. 'You can't shoot another bullet until "
        "you've reloaded the gun': coaches' perceptions, practices and experiences of "
        "deloading in strength and physique sports. Front Sports Act Living. "
        "2022;4:1073223.",
    ),
    Reference(
        23,
        "Robineau J, Babault N, Piscione J, Lacome M, Bigard AX. Specific training "
        "effects of concurrent aerobic and strength exercises depend on recovery "
        "duration. J Strength Cond Res. 2016;30(3):672-683.",
    ),
    Reference(
        24,
        "Daniels J. Daniels' Running Formula. 3rd ed. Champaign, IL: Human Kinetics; "
        "2013 (VDOT tables after Daniels J, Gilbert J. Oxygen Power. 1979).",
    ),
    Reference(
        25,
        "Foster C. Monitoring training in athletes with reference to overtraining "
        "syndrome. Med Sci Sports Exerc. 1998;30(7):1164-1168.",
    ),
    Reference(
        26,
        "Foster C, Florhaug JA, Franklin J, et al. A new approach to monitoring exercise "
        "training. J Strength Cond Res. 2001;15(1):109-115.",
    ),
    Reference(
        27,
        "Williams S, West S, Cross MJ, Stokes KA. Better way to determine the acute:chronic "
        "workload ratio? Br J Sports Med. 2017;51(3):209-210.",
    ),
    Reference(
        28,
        "Gabbett TJ. The training-injury prevention paradox: should athletes be training "
        "smarter and harder? Br J Sports Med. 2016;50(5):273-280.",
    ),
    Reference(
        29,
        "Lolli L, Batterham AM, Hawkins R, et al. Mathematical coupling causes spurious "
        "correlation within the conventional acute-to-chronic workload ratio "
        "calculations. Br J Sports Med. 2019;53(15):921-922.",
    ),
    Reference(
        30,
        "Impellizzeri FM, Woodcock S, Coutts AJ, Fanchini M, McCall A, Vigotsky AD. What "
        "role do chronic workloads play in the acute to chronic workload ratio? Time to "
        "dismiss ACWR and its underlying theory. Sports Med. 2021;51(3):581-592.",
    ),
    Reference(
        31,
        "Morton RH, Fitz-Clarke JR, Banister EW. Modeling human performance in running. "
        "J Appl Physiol. 1990;69(3):1171-1177.",
    ),
    Reference(
        32,
        "Doma K, Deakin GB. The effects of strength training and endurance training order "
        "on running economy and performance. Appl Physiol Nutr Metab. 2013;38(6):651-656.",
    ),
    Reference(
        33,
        "Sporer BC, Wenger HA. Effects of aerobic exercise on strength performance "
        "following various periods of recovery. J Strength Cond Res. 2003;17(4):638-644.",
    ),
)

_BY_NUMBER = {r.n: r for r in REFERENCES}


def reference(n: int) -> Reference:
    """The reference numbered ``n``; a KeyError means the catalogue cites a missing entry."""
    return _BY_NUMBER[n]
