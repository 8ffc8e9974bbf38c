"""Russian: the month in the genitive ("4 декабря 2026 г."), a two-digit hour."""

DATE_FORMAT = "j E Y г."
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y г., H:i"
MONTH_DAY_FORMAT = "j E"
