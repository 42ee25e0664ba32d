"""Teaching machinery: predictions, exercises, quizzes, the learner's record and the gradebook.

- :mod:`.keys`       the answer keys (one TOML file per lesson in ``keys/``), schema and loader
- :mod:`.grading`    judging an answer against a key, without widgets
- :mod:`.record`     the learner's record on disk
- :mod:`.ui`         feedback boxes and answer inputs shared by the widgets
- :mod:`.predict`    predictions that lock a result until the learner commits
- :mod:`.exercises`  ``check``, answer boxes, ``record_answer`` and the ``%%solution`` magic
- :mod:`.quiz`       ``quiz("1")``: a lesson's questions from its key
- :mod:`.progress`   ``my_progress()``
- :mod:`.gradebook`  a class's records into a CSV gradebook, an item summary and figures
- :mod:`.qti`        a lesson's quiz as a QTI 1.2 package for Canvas or Moodle
- :mod:`.glossary`   the course glossary and the card of symbols and units (``glossary.toml``)
- :mod:`.synthetic`  a made-up class of records, for trying the gradebook
"""

from .exercises import check, record_answer
from .predict import predict
from .progress import my_progress
from .quiz import quiz
from .record import use_record

__all__ = ["check", "my_progress", "predict", "quiz", "record_answer", "use_record"]
