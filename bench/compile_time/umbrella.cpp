// Compile time (bench/README.md): the umbrella header and an empty main.
#include <genauth/dto.hpp>

int main() { return 0; }
