//go:build race

package farm_test

// raceDetector says whether this test binary was built with -race.
const raceDetector = true
