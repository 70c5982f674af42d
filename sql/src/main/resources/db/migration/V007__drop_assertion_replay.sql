-- V006 copied the ids that were still valid into used_assertion; nothing reads this table now.
DROP TABLE assertion_replay;
