"""Rules on the values of the record contract: dates, times, views (KZ2xx)."""
