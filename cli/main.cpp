#include <iostream>
int main() { std::cout << "planner\n"; }
