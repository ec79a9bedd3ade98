package farm

import "testing"

// TestVersionMatches: a job's renderer_version names a whole build, or a
// release (no '/') that any of its builds match.
func TestVersionMatches(t *testing.T) {
	tests := []struct {
		build, want string
		ok          bool
	}{
		{"blender-4.3.2/cycles-cpu+oidn", "blender-4.3.2/cycles-cpu+oidn", true},
		{"blender-4.3.2/cycles-cpu+oidn", "blender-4.3.2", true},
		{"blender-4.3.2/cycles-cuda", "blender-4.3.2", true},
		{"blender-4.3.2/cycles-cpu+oidn", "blender-4.3.2/cycles-cuda", false},
		{"blender-4.3.2/cycles-cpu", "blender-4.3", false},
		{"blender-5.2.2/cycles-cpu", "blender-4.3.2", false},
		{"", "blender-4.3.2", false},
		{"pathtracer-1", "pathtracer-1", true},
	}
	for _, tc := range tests {
		if got := versionMatches(tc.build, tc.want); got != tc.ok {
			t.Errorf("versionMatches(%q, %q) = %v, want %v", tc.build, tc.want, got, tc.ok)
		}
	}
}
