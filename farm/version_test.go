package farm

import "testing"

func TestVersionAtLeast(t *testing.T) {
	tests := []struct {
		version, min string
		want         bool
	}{
		{"blender-4.3.2/cycles-cpu-avx2", "4.3", true},
		{"blender-4.3.2/cycles-cpu-avx2+oidn", "4.3", true},
		{"blender-3.4.1/cycles-cpu-avx2", "4.3", false},
		{"blender-4.2.9/cycles-cuda", "4.3", false},
		{"blender-5.0.0/cycles-optix", "4.3", true},
		{"blender-4.3.2/cycles-cpu", "4.3.2", true},
		{"blender-4.3.2/cycles-cpu", "4.3.3", false},
		{"blender-4/cycles-cpu", "4.0", true},
		{"blender-4/cycles-cpu", "4.1", false},
		{"blender-10.1.0/x", "9.9", true}, // numbers, not strings
		{"pt-1", "1", true},
		{"pathtracer", "1", false}, // no numbers: not known to be new enough
		{"blender-x.y/z", "4.3", false},
		{"blender-4.3.2/z", "four", false},
	}
	for _, tc := range tests {
		if got := versionAtLeast(tc.version, tc.min); got != tc.want {
			t.Errorf("versionAtLeast(%q, %q) = %v, want %v", tc.version, tc.min, got, tc.want)
		}
	}
}

func TestHasFeature(t *testing.T) {
	tests := []struct {
		version, feature string
		want             bool
	}{
		{"blender-3.4.1/cycles-cpu-avx2+oidn+gl", "gl", true},
		{"blender-3.4.1/cycles-cpu-avx2+oidn+gl", "oidn", true},
		{"blender-3.4.1/cycles-cpu-avx2+oidn", "gl", false},
		{"blender-3.4.1/cycles-cpu-avx2", "oidn", false},
		{"blender-3.4.1/cycles-cpu-avx2+glx", "gl", false},
		{"pt-1", "gl", false},
		{"", "gl", false},
	}
	for _, tc := range tests {
		if got := hasFeature(tc.version, tc.feature); got != tc.want {
			t.Errorf("hasFeature(%q, %q) = %v, want %v", tc.version, tc.feature, got, tc.want)
		}
	}
}

func TestReleaseAndDrawnBy(t *testing.T) {
	tests := []struct{ build, release, drawn string }{
		{"blender-3.4.1/cycles-cpu-avx2+oidn+gl", "blender-3.4.1", "blender-3.4.1/cycles-cpu-avx2"},
		{"blender-4.3.2/cycles-cuda", "blender-4.3.2", "blender-4.3.2/cycles-cuda"},
		{"pt-1", "pt-1", "pt-1"},
		{"pt-1+gl", "pt-1", "pt-1"},
		{"", "", ""},
	}
	for _, tc := range tests {
		if r, d := releaseOf(tc.build), drawnBy(tc.build); r != tc.release || d != tc.drawn {
			t.Errorf("%q: release %q, drawn by %q; want %q, %q", tc.build, r, d, tc.release, tc.drawn)
		}
	}
}
