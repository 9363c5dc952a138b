# Writes people-N.csv for the import benchmark (docs/benchmarks.md): python3 scripts/people-csv.py N > people-N.csv
# A 7-wide reporting tree; units Acme/Dept d/Team t/Squad s (8 departments, 64 teams, 256 squads).
import sys
n = int(sys.argv[1])
print("employee_id,email,name,manager_employee_id,org_unit,title,start_date")
for i in range(n):
    mgr = "" if i == 0 else f"e{(i - 1) // 7}"
    d, t, s = i % 8, i % 64, i % 256
    unit = "Acme" if i == 0 else f"Acme/Dept {d}/Team {t}/Squad {s}"
    print(f"e{i},p{i}@acme.example,Person {i},{mgr},{unit},Engineer,2024-01-01")
