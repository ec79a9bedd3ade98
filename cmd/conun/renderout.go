package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/conun/conun/farm/api"
)

// outFormat is the frame format `render --out` writes, read from the
// file's extension: a .jpg holding PNG bytes would open nowhere, so an
// extension the farm does not write is refused rather than guessed.
func outFormat(path string) (string, error) {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if ext == "" {
		return "", fmt.Errorf("%w: --out %s: no extension: end the name in .png, .jpg, .jpeg, .tif, .tiff or .exr", errUsage, path)
	}
	format, err := api.ParseFormat(ext)
	if err != nil || format == api.FormatEXRLayers { // a job's format, no file's extension
		return "", fmt.Errorf("%w: --out %s: unknown extension .%s: want .png, .jpg, .jpeg, .tif, .tiff or .exr", errUsage, path, ext)
	}
	return format, nil
}
