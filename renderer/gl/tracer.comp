#version 430
#extension GL_ARB_gpu_shader_int64 : require
// The path tracer of renderer/pathtracer (trace.go, material.go, rng.go),
// line for line in single precision. Keep the order of random numbers the
// same as there: the two tracers then follow nearly the same paths, which is
// what makes their agreement test sharp.
layout(local_size_x = 8, local_size_y = 8) in;

struct Tri { vec4 p0; vec4 e1; vec4 e2; };
// ng.w: lightPdf; info: material, hasN, hasUV.
struct Shade { vec4 ng; vec4 n0; vec4 n1; vec4 n2; vec4 uv01; vec4 uv2; ivec4 info; };
// info: first, count, axis.
struct Node { vec4 mn; vec4 mx; ivec4 info; };
#include "layout.glsl"

layout(std430, binding = 0) readonly buffer Tris { Tri tris[]; };
layout(std430, binding = 1) readonly buffer Shades { Shade shades[]; };
layout(std430, binding = 2) readonly buffer Nodes { Node nodes[]; };
layout(std430, binding = 3) readonly buffer Mats { Mat mats[]; };
layout(std430, binding = 4) readonly buffer Lights { Light lights[]; };
// Eight blocks: the most OpenGL 4.3 promises a compute shader.
layout(std430, binding = 5) readonly buffer Emits { Emit emits[]; };
layout(std430, binding = 6) readonly buffer Texels { float texels[]; };
layout(std430, binding = 7) buffer Accum { vec4 accum[]; };

uniform vec3 camPos;
uniform vec3 camRight;
uniform vec3 camUp;
uniform vec3 camForward;
uniform float tanHalf;
uniform ivec2 frameSize;
uniform ivec2 regionMin;
uniform ivec2 regionSize;
uniform uvec2 seed; // low, high 32 bits
uniform int frame;
uniform int sampleStart;
uniform int sampleEnd;
uniform vec3 sky;
uniform int maxDepth;
uniform int rrDepth;
uniform float sampleClamp;
uniform int nLights;
uniform int nEmit;
uniform int nNodes;

// INF is the largest float rather than 1.0/0.0, which GLSL leaves undefined.
const float INF = 3.4028235e38;
// offsetScale is trace.go's 1e-6, widened for single precision.
const float offsetScale = 1e-4;

// ---- rng.go: splitmix64, one stream per camera sample ----
const uint64_t GOLDEN = 0x9e3779b97f4a7c15UL;
uint64_t rngState;

uint64_t mix64(uint64_t z) {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
	return z ^ (z >> 31);
}

void seedRNG(int x, int y, int s) {
	uint64_t sd = packUint2x32(seed);
	uint64_t h = mix64(sd + GOLDEN);
	h = mix64(h ^ uint64_t(int64_t(frame)));
	h = mix64(h ^ uint64_t(int64_t(x)));
	h = mix64(h ^ uint64_t(int64_t(y)));
	h = mix64(h ^ uint64_t(int64_t(s)));
	rngState = h;
}

// rnd is rng.float's top 24 bits: the same number, rounded down to a float.
float rnd() {
	rngState += GOLDEN;
	return float(uint(mix64(rngState) >> 40)) * (1.0 / 16777216.0);
}

// ---- bvh.go ----
struct Ray { vec3 o; vec3 d; vec3 inv; bvec3 neg; };

Ray newRay(vec3 o, vec3 d) {
	Ray r;
	r.o = o; r.d = d; r.inv = vec3(1.0) / d; r.neg = lessThan(d, vec3(0.0));
	return r;
}

bool hitBox(Ray r, vec3 mn, vec3 mx, float tmax) {
	float tmin = 0.0;
	for (int a = 0; a < 3; a++) {
		float t0 = (mn[a] - r.o[a]) * r.inv[a];
		float t1 = (mx[a] - r.o[a]) * r.inv[a];
		if (r.neg[a]) { float t = t0; t0 = t1; t1 = t; }
		if (t0 > tmin) tmin = t0;
		if (t1 < tmax) tmax = t1;
	}
	return tmin <= tmax;
}

// hitTriangle is Möller-Trumbore; it returns dist, u, v in hit.xyz and
// whether it hit.
bool hitTriangle(Ray r, int i, float tmax, out vec3 hit) {
	vec3 p0 = tris[i].p0.xyz, e1 = tris[i].e1.xyz, e2 = tris[i].e2.xyz;
	vec3 p = cross(r.d, e2);
	float det = dot(e1, p);
	if (det == 0.0) return false;
	float inv = 1.0 / det;
	vec3 s = r.o - p0;
	float u = dot(s, p) * inv;
	if (u < 0.0 || u > 1.0) return false;
	vec3 q = cross(s, e1);
	float v = dot(r.d, q) * inv;
	if (v < 0.0 || u + v > 1.0) return false;
	float dist = dot(e2, q) * inv;
	if (!(dist > 0.0 && dist < tmax)) return false;
	hit = vec3(dist, u, v);
	return true;
}

// intersect finds the closest triangle before tmax: its index (or -1) and
// dist, u, v.
int intersect(Ray r, float tmax, out vec3 best) {
	int tri = -1;
	if (nNodes == 0) return -1;
	int stack[128];
	int sp = 0;
	int n = 0;
	for (;;) {
		if (hitBox(r, nodes[n].mn.xyz, nodes[n].mx.xyz, tmax)) {
			ivec4 info = nodes[n].info;
			if (info.y > 0) {
				for (int i = info.x; i < info.x + info.y; i++) {
					vec3 h;
					if (hitTriangle(r, i, tmax, h)) { tmax = h.x; best = h; tri = i; }
				}
			} else {
				int near = n + 1, far = info.x;
				if (r.neg[info.z]) { int t = near; near = far; far = t; }
				stack[sp++] = far;
				n = near;
				continue;
			}
		}
		if (sp == 0) return tri;
		n = stack[--sp];
	}
}

bool occluded(Ray r, float tmax) {
	if (nNodes == 0) return false;
	int stack[128];
	int sp = 0;
	int n = 0;
	for (;;) {
		if (hitBox(r, nodes[n].mn.xyz, nodes[n].mx.xyz, tmax)) {
			ivec4 info = nodes[n].info;
			if (info.y > 0) {
				for (int i = info.x; i < info.x + info.y; i++) {
					vec3 h;
					if (hitTriangle(r, i, tmax, h)) return true;
				}
			} else {
				stack[sp++] = info.x;
				n++;
				continue;
			}
		}
		if (sp == 0) return false;
		n = stack[--sp];
	}
}

#include "shading.glsl"

// ---- material.go: sampling ----
void onb(vec3 n, out vec3 t, out vec3 b) {
	float sgn = n.z >= 0.0 ? 1.0 : -1.0;
	float a = -1.0 / (sgn + n.z);
	float c = n.x * n.y * a;
	t = vec3(1.0 + sgn * n.x * n.x * a, sgn * c, -sgn * n.x);
	b = vec3(c, sgn + n.y * n.y * a, -n.y);
}

bool sampleSurface(Surface s, vec3 n, vec3 wo, out vec3 wi, out vec3 weight, out float pdf) {
	vec3 t, b;
	onb(n, t, b);
	float u1 = rnd(), u2 = rnd();
	if (rnd() < s.pSpecular) {
		float a2 = s.alpha * s.alpha;
		float cosT = sqrt((1.0 - u1) / (1.0 + (a2 - 1.0) * u1));
		float sinT = sqrt(max(0.0, 1.0 - cosT * cosT));
		float phi = 2.0 * PI * u2;
		vec3 h = t * (sinT * cos(phi)) + b * (sinT * sin(phi)) + n * cosT;
		wi = h * (2.0 * dot(wo, h)) - wo;
	} else {
		float rad = sqrt(u1);
		float phi = 2.0 * PI * u2;
		wi = t * (rad * cos(phi)) + b * (rad * sin(phi)) + n * sqrt(max(0.0, 1.0 - u1));
	}
	vec3 f = evalSurface(s, n, wo, wi, pdf);
	if (pdf <= 0.0 || isBlack(f)) { weight = vec3(0.0); return false; }
	weight = f / pdf;
	return true;
}

// fresnelDielectric returns the reflectance and writes cos of the
// transmitted angle.
float fresnelDielectric(float cosI, float eta, out float cosT) {
	float sin2T = eta * eta * (1.0 - cosI * cosI);
	cosT = 0.0;
	if (sin2T >= 1.0) return 1.0;
	cosT = sqrt(1.0 - sin2T);
	float rs = (eta * cosI - cosT) / (eta * cosI + cosT);
	float rp = (cosI - eta * cosT) / (cosI + eta * cosT);
	return (rs * rs + rp * rp) / 2.0;
}

// ---- trace.go ----
vec3 offsetPoint(vec3 p, vec3 n) {
	float m = max(abs(p.x), max(abs(p.y), abs(p.z)));
	return p + n * (offsetScale * (1.0 + m));
}

float powerHeuristic(float a, float b) {
	float a2 = a * a, b2 = b * b;
	if (a2 + b2 == 0.0) return 0.0;
	return a2 / (a2 + b2);
}

vec3 sampleLights(Surface surf, vec3 o, vec3 ns, vec3 ngF, vec3 wo) {
	vec3 L = vec3(0.0);
	for (int i = 0; i < nLights; i++) {
		int kind = int(lights[i].pos.w);
		vec3 wi, li;
		float tmax = INF;
		if (kind == 2) {
			wi = -lights[i].dir.xyz;
			li = lights[i].rad.xyz;
		} else {
			vec3 toL = lights[i].pos.xyz - o;
			float d2 = dot(toL, toL);
			if (d2 == 0.0) continue;
			float dist = sqrt(d2);
			wi = toL / dist;
			li = lights[i].rad.xyz / d2;
			tmax = dist;
			if (kind == 1) {
				float c = dot(lights[i].dir.xyz, -wi);
				float ci = lights[i].cone.x, co = lights[i].cone.y;
				float a = min(max((c - co) / (ci - co), 0.0), 1.0);
				li *= a * a;
			}
		}
		if (dot(wi, ngF) <= 0.0 || isBlack(li)) continue;
		float pdf;
		vec3 f = evalSurface(surf, ns, wo, wi, pdf);
		if (isBlack(f)) continue;
		if (occluded(newRay(o, wi), tmax)) continue;
		L += f * li;
	}
	if (nEmit == 0) return L;
	float u = rnd();
	int lo = 0, hi = nEmit; // sort.SearchFloat64s: the first cdf >= u
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (emits[mid].cdf < u) lo = mid + 1; else hi = mid;
	}
	int k = min(lo, nEmit - 1);
	int ti = emits[k].tri;
	float su = sqrt(rnd());
	float b1 = 1.0 - su, b2 = rnd() * su;
	vec3 q = tris[ti].p0.xyz + tris[ti].e1.xyz * b1 + tris[ti].e2.xyz * b2;
	vec3 toL = q - o;
	float d2 = dot(toL, toL);
	if (d2 == 0.0) return L;
	float dist = sqrt(d2);
	vec3 wi = toL / dist;
	Mat mat = mats[shades[ti].info.x];
	vec3 ng = shades[ti].ng.xyz;
	float cosL = -dot(wi, ng);
	if (mat.misc.z != 0.0) cosL = abs(cosL);
	if (cosL <= 0.0 || dot(wi, ngF) <= 0.0) return L;
	float bsdfPdf;
	vec3 f = evalSurface(surf, ns, wo, wi, bsdfPdf);
	if (isBlack(f)) return L;
	float lightPdf = shades[ti].ng.w * d2 / cosL;
	if (occluded(newRay(o, wi), dist * (1.0 - offsetScale))) return L;
	float weight = powerHeuristic(lightPdf, bsdfPdf);
	return L + f * mat.emis.xyz * (weight / lightPdf);
}

vec3 radiance(vec3 origin, vec3 dir) {
	vec3 L = vec3(0.0);
	vec3 beta = vec3(1.0);
	float prevPdf = 0.0;
	bool prevDelta = true;
	for (int depth = 0; ; depth++) {
		vec3 h;
		int ti = intersect(newRay(origin, dir), INF, h);
		if (ti < 0) {
			L += beta * sky;
			break;
		}
		Shade s = shades[ti];
		Mat mat = mats[s.info.x];
		float hu = h.y, hv = h.z;
		vec3 p = tris[ti].p0.xyz + tris[ti].e1.xyz * hu + tris[ti].e2.xyz * hv;
		vec3 wo = -dir;
		vec3 ng = s.ng.xyz;
		bool front = dot(dir, ng) < 0.0;
		vec3 ngF = front ? ng : -ng;
		bool doubleSided = mat.misc.z != 0.0;

		if (!isBlack(mat.emis.xyz) && (front || doubleSided)) {
			float weight = 1.0;
			if (!prevDelta && s.ng.w > 0.0) {
				float cosL = abs(dot(dir, ng));
				float lightPdf = s.ng.w * h.x * h.x / cosL;
				weight = powerHeuristic(prevPdf, lightPdf);
			}
			L += beta * mat.emis.xyz * weight;
		}
		if (depth >= maxDepth) break;

		float b0 = 1.0 - hu - hv;
		vec3 ns = ngF;
		if (s.info.y != 0) {
			vec3 n = normalize(s.n0.xyz * b0 + s.n1.xyz * hu + s.n2.xyz * hv);
			if (dot(n, ngF) < 0.0) n = -n;
			if (dot(n, wo) > 0.0 && finite3(n)) ns = n;
		}
		vec3 color = mat.base.xyz;
		if (mat.tex.x >= 0 && s.info.z != 0) {
			vec2 uv = s.uv01.xy * b0 + s.uv01.zw * hu + s.uv2.xy * hv;
			color *= lookup(mat.tex, uv.x, uv.y);
		}
		float metallic = mat.base.w;
		float pt = mat.misc.x * (1.0 - metallic);
		if (pt > 0.0 && rnd() < pt) {
			float ior = mat.misc.y;
			float eta = front ? 1.0 / ior : ior;
			float cosI = min(dot(ns, wo), 1.0);
			float cosT;
			float fr = fresnelDielectric(cosI, eta, cosT);
			if (rnd() < fr) {
				dir = ns * (2.0 * cosI) - wo;
				if (dot(dir, ngF) <= 0.0) break;
				origin = offsetPoint(p, ngF);
			} else {
				dir = normalize(-wo * eta + ns * (eta * cosI - cosT));
				if (dot(dir, ngF) >= 0.0) break;
				if (front) beta *= color;
				origin = offsetPoint(p, -ngF);
			}
			prevDelta = true;
		} else {
			Surface surf = newSurface(color, metallic, mat.emis.w);
			origin = offsetPoint(p, ngF);
			L += beta * sampleLights(surf, origin, ns, ngF, wo);
			vec3 wi, weight;
			float pdf;
			if (!sampleSurface(surf, ns, wo, wi, weight, pdf) || dot(wi, ngF) <= 0.0) break;
			beta *= weight;
			dir = wi;
			prevPdf = pdf;
			prevDelta = false;
		}
		if (depth + 1 >= rrDepth) {
			float q = min(maxComp(beta), 0.95);
			if (!(q > 0.0) || rnd() >= q) break;
			beta /= q;
		}
	}
	return L;
}

vec3 cameraDir(float fx, float fy) {
	float aspect = float(frameSize.x) / float(frameSize.y);
	float sx = (2.0 * fx / float(frameSize.x) - 1.0) * tanHalf * aspect;
	float sy = (1.0 - 2.0 * fy / float(frameSize.y)) * tanHalf;
	return normalize(camForward + camRight * sx + camUp * sy);
}

void main() {
	ivec2 g = ivec2(gl_GlobalInvocationID.xy);
	if (g.x >= regionSize.x || g.y >= regionSize.y) return;
	int x = regionMin.x + g.x, y = regionMin.y + g.y;
	vec3 sum = vec3(0.0);
	for (int s = sampleStart; s < sampleEnd; s++) {
		seedRNG(x, y, s);
		float fx = float(x) + rnd();
		float fy = float(y) + rnd();
		vec3 L = radiance(camPos, cameraDir(fx, fy));
		if (!finite3(L)) continue;
		float m = maxComp(L);
		if (sampleClamp > 0.0 && m > sampleClamp) L *= sampleClamp / m;
		sum += L;
	}
	// One invocation per pixel, and dispatches run in order: the sum is the
	// same whatever the region.
	accum[g.y * regionSize.x + g.x] += vec4(sum, 0.0);
}
