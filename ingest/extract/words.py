"""A small built-in lexicon of common English and legal words.

It serves two heuristics that need "is this a real word?" without a spelling
dictionary: the garbage-text-layer check in :mod:`ingest.extract.quality`
(real English prose has 35-60 % of its tokens in this list; scrambled or
unmapped text almost none) and the keep-or-join decision for line-end hyphens
in :mod:`ingest.extract.hyphens` (together with the words of the document
itself).

Caveat: it is deliberately small (function words, the commonest verbs and
nouns, and the vocabulary of Pakistani judgments and statutes). It is not a
spelling dictionary; a word missing from it means nothing on its own.
"""

from __future__ import annotations

_FUNCTION_WORDS = """
a about above according across after again against all almost along already also although
always am among an and another any anyone anything are around as at be because been
before being below between both but by can cannot could did do does doing done down
during each either else enough even ever every few for from further had has have having
he her here hers herself him himself his how however i if in into is it its itself just
least less many may me might more most much must my myself neither no nor not now of
off often on once one only onto or other others otherwise our ours ourselves out over
own per rather same shall she should since so some such than that the their theirs them
themselves then there thereby therefore thereof thereto these they this those though
through thus till to too toward towards under unless until up upon us very via was we
were what whatever when whenever where whereas whereby wherein whether which while who
whoever whole whom whose why will with within without would yet you your yours
hereby herein hereinafter hereof hereunder thereafter therein thereunder whereof
"""

_COMMON_WORDS = """
able act action added admitted again age ago allowed alleged already appeal appeals
appear appeared appellant appellants application applied apply appointed area argued
argument arguments arrest arrested article aside asked assistant authority available
away bail based basis became become before behalf being believe bench benefit best
better brought business called came carried case cases cause certain charge charged
child children civil claim claimed clear clearly come committed common complainant
complaint conduct consider considered constitution contention counsel country court
courts crime criminal custody date dated day days death decided decision declared
deemed defence delay department deposed detail details determined different direct
directed district document done due duly duty each earlier effect either else end
entitled establish established even evidence examination examined except fact facts
failed father federal file filed final find finding first following force found four
free further general given go going good government granted ground grounds guilty
hand head heard hearing held help high however id impugned including information
instant issue issued issues judge judges judgment judgments jurisdiction justice
kept kind know known last later law laws lawful learned left legal less life like
likely limited made make making man matter matters means medical member men might
minor mother name named national nature necessary need new next no note noted notice
number observed offence offences office officer officers offered one open opinion
order ordered orders original other out paid part particular parties party passed
people period person persons petition petitioner petitioners place placed plea point
police possible power powers present prison proceedings process proof property
prosecution protection provided province provincial provision provisions public
punishment purpose question raised reason reasons received record recorded regard
registered relevant relied remained report reported required respect respondent
respondents result right rights rule rules said same say section sections see seen
sentence sentenced service set several shown side similar society special state
stated statement station sub such supreme taken term terms territory that the time
times trial true two under upheld used very victim view was way well whether who
witness witnesses woman women work year years young
accused acquittal acquitted advocate affidavit allegation allegations ordinance
petition plaintiff defendant prosecutor punishable rigorous imprisonment convicted
conviction fine penal procedure code schedule clause subsection chapter amendment
"""

#: Lower-case common words; see the module docstring for what it is for.
COMMON_WORDS: frozenset[str] = frozenset((_FUNCTION_WORDS + _COMMON_WORDS).split())
