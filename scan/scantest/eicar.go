package scantest

// EICAR returns the EICAR anti-virus test file: 68 harmless bytes that
// every scanner treats as a virus, by agreement. It is put together at run
// time, so that this source file is not itself taken for a virus.
func EICAR() []byte {
	const head, tail = `X5O!P%@AP[4\PZX54(P^)7CC)7}$`, `EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`
	return []byte(head + tail)
}
