package bench

import (
	"encoding/json"
	"net/http"
	"testing"
)

// The consular case benchmarks (issue 14 §8), each beside the trivial
// handler sent the same requests the same way in the same run.

// mrzBody is a TD3 zone (ICAO Doc 9303 Part 4's specimen) as POST
// /api/v1/mrz takes it.
var mrzBody, _ = json.Marshal(map[string]string{"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
	"L898902C36UTO7408122F1204159ZE184226B<<<<<10"})

// BenchmarkMRZTrivial is the baseline of BenchmarkMRZ: the trivial
// handler, sent the same POSTs.
func BenchmarkMRZTrivial(b *testing.B) {
	trivial, _ := servers(b)
	postTimed(b, http.StatusOK, func(i int64) (int, error) { return post(trivial+"/", mrzBody, i) })
}

// BenchmarkMRZ reads a passport's zone through POST /api/v1/mrz from
// parallel clients: parsing, the check digits and the JSON answer.
func BenchmarkMRZ(b *testing.B) {
	_, app := servers(b)
	postTimed(b, http.StatusOK, func(i int64) (int, error) { return post(app+"/api/v1/mrz", mrzBody, i) })
}
