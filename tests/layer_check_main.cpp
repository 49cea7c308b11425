// Linked with one layer's whole archive and the layers below it: a layer that calls into a layer
// above it leaves undefined symbols, and this executable fails to link.
int main() {
  return 0;
}
