print("klage")
