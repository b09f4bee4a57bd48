// C++ with iostream, strings, vectors and algorithms (libc++ for wasm32-wasi; built without exceptions, which
// wasm32-wasi's libc++abi does not support).
#include <algorithm>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main() {
    std::vector<std::string> words;
    std::string word;
    while (std::cin >> word) {
        words.push_back(word);
    }
    std::sort(words.begin(), words.end());
    std::ostringstream joined;
    for (const auto &w : words) {
        joined << w << ' ';
    }
    std::cout << words.size() << " words: " << joined.str() << std::endl;
    return 0;
}
