#include <cstdio>
#include <vector>
int main() {
    int n;
    std::scanf("%d", &n);
    std::vector<int> p(n + 1);
    for (int i = 1; i <= n; i++) p[i] = i;
    for (int i = 1; i + 1 <= n; i += 2) std::swap(p[i], p[i + 1]);
    if (n % 2 == 1) std::swap(p[n], p[n - 1]);  // 3-cycle at the end: still no fixed point
    for (int i = 1; i <= n; i++) std::printf("%d%c", p[i], i == n ? '\n' : ' ');
}
