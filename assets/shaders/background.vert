#version 330 core
// A full-screen triangle without vertex buffers; vT runs from 0 at the bottom to 1 at the top.
out float vT;
void main() {
  vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
  vT = p.y;
  gl_Position = vec4(p * 2.0 - 1.0, 1.0, 1.0);
}
