import SluiceCore
print("stub")
