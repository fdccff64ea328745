//go:build race

package main

// raceDetector: the race detector's shadow memory multiplies a
// process's memory, so memory bounds are judged only without it (the
// SQLite and PostgreSQL steps of the tests run without it).
const raceDetector = true
