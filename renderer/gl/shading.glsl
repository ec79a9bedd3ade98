// The metallic-roughness BRDF (renderer/pathtracer material.go) and the
// base colour texture lookup (texture.go), shared by tracer.comp and
// raster.frag: the two GL renderers shade a surface the same way. The
// including shader declares the texels buffer first.

// ---- material.go ----
const float PI = 3.14159265358979323846;
const float minAlpha = 2e-3;

struct Surface { vec3 color; float metallic; float alpha; float pSpecular; };

float luminance(vec3 c) { return 0.2126 * c.x + 0.7152 * c.y + 0.0722 * c.z; }
float maxComp(vec3 c) { return max(c.x, max(c.y, c.z)); }
bool isBlack(vec3 c) { return c.x == 0.0 && c.y == 0.0 && c.z == 0.0; }
bool finite3(vec3 c) { return !any(isnan(c)) && !any(isinf(c)); }

Surface newSurface(vec3 color, float metallic, float roughness) {
	Surface s;
	s.color = color; s.metallic = metallic; s.alpha = max(roughness * roughness, minAlpha);
	float lum = luminance(color);
	float spec = 0.04 * (1.0 - metallic) + lum * metallic;
	float diff = (1.0 - metallic) * lum * 0.96;
	s.pSpecular = diff <= 0.0 ? 1.0 : min(max(spec / (spec + diff), 0.1), 0.9);
	return s;
}

float schlick(float f0, float c) {
	float m = 1.0 - c;
	float m2 = m * m;
	return f0 + (1.0 - f0) * m2 * m2 * m;
}

float ggxD(float alpha, float nh) {
	float a2 = alpha * alpha;
	float d = nh * nh * (a2 - 1.0) + 1.0;
	return a2 / (PI * d * d);
}

float smithG1(float alpha, float nv) {
	float a2 = alpha * alpha;
	return 2.0 * nv / (nv + sqrt(a2 + (1.0 - a2) * nv * nv));
}

vec3 evalSurface(Surface s, vec3 n, vec3 wo, vec3 wi, out float pdf) {
	pdf = 0.0;
	float nl = dot(n, wi);
	float nv = dot(n, wo);
	if (nl <= 0.0 || nv <= 0.0) return vec3(0.0);
	vec3 h = normalize(wo + wi);
	float nh = max(dot(n, h), 0.0);
	float vh = max(dot(wo, h), 0.0);
	float d = ggxD(s.alpha, nh);
	float spec = d * smithG1(s.alpha, nv) * smithG1(s.alpha, nl) / (4.0 * nl * nv);
	float fd = schlick(0.04, vh);
	float w = (1.0 - s.metallic) * fd;
	vec3 fm = vec3(schlick(s.color.x, vh), schlick(s.color.y, vh), schlick(s.color.z, vh)) * s.metallic;
	vec3 diffuse = s.color * ((1.0 - s.metallic) * (1.0 - fd) / PI);
	pdf = s.pSpecular * d * nh / (4.0 * vh + 1e-12) + (1.0 - s.pSpecular) * nl / PI;
	return (diffuse + (fm + vec3(w)) * spec) * nl;
}

// ---- texture.go ----
int wrapTexel(int i, int n, int mode) {
	if (mode == 1) return clamp(i, 0, n - 1);
	if (mode == 2) {
		int p = i % (2 * n);
		if (p < 0) p += 2 * n;
		if (p >= n) p = 2 * n - 1 - p;
		return p;
	}
	int p = i % n;
	if (p < 0) p += n;
	return p;
}

// toTexel is floor, kept where int() is defined whatever the UV: wrapping
// makes any integer in range as good as the true one.
int toTexel(float f) { return int(clamp(floor(f), -16777216.0, 16777216.0)); }

vec3 texel(ivec4 t, int x, int y) {
	int o = 3 * (t.x + y * t.y + x);
	return vec3(texels[o], texels[o + 1], texels[o + 2]);
}

vec3 lookup(ivec4 t, float u, float v) {
	int w = t.y, h = t.z, ws = (t.w >> 1) & 3, wt = (t.w >> 3) & 3;
	if ((t.w & 1) != 0) {
		return texel(t, wrapTexel(toTexel(u * float(w)), w, ws), wrapTexel(toTexel(v * float(h)), h, wt));
	}
	float fx = u * float(w) - 0.5, fy = v * float(h) - 0.5;
	float x0f = floor(fx), y0f = floor(fy);
	float ax = fx - x0f, ay = fy - y0f;
	int x0 = toTexel(x0f), y0 = toTexel(y0f);
	int x1 = wrapTexel(x0 + 1, w, ws), y1 = wrapTexel(y0 + 1, h, wt);
	x0 = wrapTexel(x0, w, ws);
	y0 = wrapTexel(y0, h, wt);
	vec3 top = texel(t, x0, y0) * (1.0 - ax) + texel(t, x1, y0) * ax;
	vec3 bot = texel(t, x0, y1) * (1.0 - ax) + texel(t, x1, y1) * ax;
	return top * (1.0 - ay) + bot * ay;
}
